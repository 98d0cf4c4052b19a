package dev.tokencookie.refreshtoken.control;

import dev.tokencookie.refreshtoken.entity.RefreshFamily;
import dev.tokencookie.refreshtoken.entity.RefreshToken;
import dev.tokencookie.refreshtoken.entity.RefreshTokenState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The default store: two tables in the server's datasource through standard JPA, so EclipseLink and Hibernate both work.
 */
@ApplicationScoped
@Transactional(TxType.MANDATORY)
public class JpaRefreshTokenStore implements RefreshTokenStore {

    static final int REVOKED_QUERY_TIMEOUT_MILLIS = 5000;

    @PersistenceContext(unitName = "token-cookie-auth")
    EntityManager em;

    /*
     * Inserts are flushed at once: a lost database then fails the caller's method with a PersistenceException (a 503
     * at the boundary), not the commit after it, where the JTA runtime would wrap it beyond recognition.
     */
    @Override
    public void addFamily(RefreshFamily family) {
        em.persist(family);
        em.flush();
    }

    @Override
    public void addToken(RefreshToken token) {
        em.persist(token);
        em.flush();
    }

    @Override
    public Optional<RefreshFamily> findFamily(String familyId) {
        // A query, not em.find: it always reads the row as committed now, never an entity this context holds.
        return em.createNamedQuery(RefreshFamily.BY_ID, RefreshFamily.class)
                .setParameter("id", familyId)
                .getResultList()
                .stream()
                .findFirst()
                .map(family -> {
                    em.refresh(family);
                    return family;
                });
    }

    @Override
    public Optional<RefreshToken> findByHash(String tokenHash) {
        return em.createNamedQuery(RefreshToken.BY_HASH, RefreshToken.class)
                .setParameter("hash", tokenHash)
                .setMaxResults(1)
                .getResultList()
                .stream()
                .findFirst();
    }

    @Override
    public RefreshToken reload(RefreshToken token) {
        em.refresh(token);
        return token;
    }

    @Override
    public boolean touchFamily(String familyId, Instant now, Instant idleCutoff) {
        return em.createNamedQuery(RefreshFamily.TOUCH)
                .setParameter("now", now.toEpochMilli())
                .setParameter("id", familyId)
                .setParameter("idleCutoff", idleCutoff.toEpochMilli())
                .executeUpdate() == 1;
    }

    @Override
    public boolean consume(String tokenId, Instant now, String sealedSuccessor) {
        return em.createNamedQuery(RefreshToken.CONSUME)
                .setParameter("consumed", RefreshTokenState.CONSUMED)
                .setParameter("active", RefreshTokenState.ACTIVE)
                .setParameter("now", now.toEpochMilli())
                .setParameter("successor", sealedSuccessor)
                .setParameter("id", tokenId)
                .executeUpdate() == 1;
    }

    @Override
    public boolean revokeFamily(String familyId, Instant now) {
        return em.createNamedQuery(RefreshFamily.REVOKE)
                .setParameter("now", now.toEpochMilli())
                .setParameter("id", familyId)
                .executeUpdate() == 1;
    }

    @Override
    public int revokeFamiliesOf(String username, Instant now) {
        return em.createNamedQuery(RefreshFamily.REVOKE_ALL_OF_USER)
                .setParameter("now", now.toEpochMilli())
                .setParameter("username", username)
                .executeUpdate();
    }

    @Override
    public List<RefreshFamily> liveFamiliesOf(String username, Instant now, Instant idleCutoff) {
        return em.createNamedQuery(RefreshFamily.LIVE_OF_USER, RefreshFamily.class)
                .setParameter("username", username)
                .setParameter("now", now.toEpochMilli())
                .setParameter("idleCutoff", idleCutoff.toEpochMilli())
                .getResultList();
    }

    @Override
    public Map<String, Instant> revokedSince(Instant since) {
        Map<String, Instant> revoked = new HashMap<>();
        for (Object[] row : em.createNamedQuery(RefreshFamily.REVOKED_SINCE, Object[].class)
                .setParameter("since", since.toEpochMilli())
                // A database that hangs must fail the background poll (which logs it), not stall it unseen.
                .setHint("jakarta.persistence.query.timeout", REVOKED_QUERY_TIMEOUT_MILLIS)
                .getResultList()) {
            revoked.put((String) row[0], Instant.ofEpochMilli(((Number) row[1]).longValue()));
        }
        return revoked;
    }

    @Override
    public int purgeDeadFamilies(Instant now, Instant idleCutoff, Instant revokedCutoff, int limit) {
        List<String> dead = em.createNamedQuery(RefreshFamily.DEAD, String.class)
                .setParameter("now", now.toEpochMilli())
                .setParameter("idleCutoff", idleCutoff.toEpochMilli())
                .setParameter("revokedCutoff", revokedCutoff.toEpochMilli())
                .setMaxResults(limit)
                .getResultList();
        if (dead.isEmpty()) {
            return 0;
        }
        // Families first, then their tokens: the lock order of a rotation, so the two never deadlock.
        int deleted = em.createNamedQuery(RefreshFamily.DELETE_DEAD)
                .setParameter("ids", dead)
                .setParameter("now", now.toEpochMilli())
                .setParameter("idleCutoff", idleCutoff.toEpochMilli())
                .setParameter("revokedCutoff", revokedCutoff.toEpochMilli())
                .executeUpdate();
        em.createNamedQuery(RefreshToken.DELETE_ORPHANS).setParameter("ids", dead).executeUpdate();
        return deleted;
    }

    @Override
    public void forgetSuccessorsOf(String familyId, Instant consumedBefore) {
        em.createNamedQuery(RefreshToken.FORGET_SUCCESSORS_OF_FAMILY)
                .setParameter("familyId", familyId)
                .setParameter("cutoff", consumedBefore.toEpochMilli())
                .executeUpdate();
    }

    @Override
    public int forgetSuccessors(Instant consumedBefore) {
        return em.createNamedQuery(RefreshToken.FORGET_SUCCESSORS)
                .setParameter("cutoff", consumedBefore.toEpochMilli())
                .executeUpdate();
    }
}
