package dev.tokencookie.refreshtoken.control;

import dev.tokencookie.refreshtoken.entity.RefreshToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.util.Optional;

/**
 * The default store: one table in the server's datasource through standard JPA, so EclipseLink and Hibernate both work.
 */
@ApplicationScoped
@Transactional(TxType.MANDATORY)
public class JpaRefreshTokenStore implements RefreshTokenStore {

    @PersistenceContext(unitName = "token-cookie-auth")
    EntityManager em;

    @Override
    public void add(RefreshToken token) {
        em.persist(token);
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
    public boolean consume(String id, Instant now) {
        return em.createNamedQuery(RefreshToken.CONSUME)
                .setParameter("now", now.getEpochSecond())
                .setParameter("id", id)
                .executeUpdate() == 1;
    }

    @Override
    public void revokeFamily(String familyId) {
        em.createNamedQuery(RefreshToken.REVOKE_FAMILY)
                .setParameter("familyId", familyId)
                .executeUpdate();
    }
}
