package dev.tokencookie.refreshtoken.control;

import dev.tokencookie.refreshtoken.entity.RefreshSeal;
import dev.tokencookie.refreshtoken.entity.RefreshSession;
import dev.tokencookie.refreshtoken.entity.RefreshToken;
import dev.tokencookie.refreshtoken.entity.RefreshTokenState;
import dev.tokencookie.shared.control.QueryTimeout;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityNotFoundException;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The default store: two tables in the server's datasource through standard JPA, so EclipseLink and Hibernate both
 * work.
 */
@ApplicationScoped
@Transactional(TxType.MANDATORY)
public class JpaRefreshTokenStore implements RefreshTokenStore {

    @PersistenceContext
    EntityManager em;

    /** Set by tests to stand for the database's clock; otherwise the database is asked. */
    Clock databaseClock;

    /*
     * Inserts are flushed at once: a lost database then fails the caller's method with a PersistenceException (a 503
     * at the boundary), not the commit after it, where the JTA runtime would wrap it beyond recognition.
     */
    @Override
    public void addSession(RefreshSession session) {
        em.persist(session);
        em.flush();
    }

    @Override
    public void addToken(RefreshToken token) {
        em.persist(token);
        em.flush();
    }

    @Override
    public Optional<RefreshSession> findSession(String sessionId) {
        // A query, not em.find: it always reads the row as committed now, never an entity this context holds.
        return em.createNamedQuery(RefreshSession.BY_ID, RefreshSession.class)
                .setParameter("id", sessionId)
                .getResultList()
                .stream()
                .findFirst()
                .flatMap(session -> {
                    try {
                        em.refresh(session);
                        return Optional.of(session);
                    } catch (EntityNotFoundException deleted) {
                        // Deleted since the query read it, by a purge of dead sessions that committed in between: a
                        // refresh at a login's absolute end met this on WildFly and answered 500 instead of 401.
                        return Optional.empty();
                    }
                });
    }

    /**
     * One column, no entity: the purge may delete the session at any moment, and a value read as gone leaves the
     * transaction as it was, where a refreshed entity that vanished marks it for rollback.
     */
    @Override
    public Optional<Boolean> isRevoked(String sessionId) {
        List<?> revokedAt = em.createNamedQuery(RefreshSession.REVOKED_AT)
                .setParameter("id", sessionId)
                .getResultList();
        // A session never revoked is one row holding null.
        return revokedAt.isEmpty() ? Optional.empty() : Optional.of(revokedAt.get(0) != null);
    }

    @Override
    public void ping() {
        // The probe's own limit: a database slower than this is not ready, whatever the module's other timeouts.
        em.createNamedQuery(RefreshSession.BY_ID, RefreshSession.class).setParameter("id", "readiness-probe")
                .setHint(QueryTimeout.HINT, 2000).getResultList();
    }

    @Override
    public Optional<RefreshToken> findByHash(String tokenHash) {
        return em.createNamedQuery(RefreshToken.BY_HASH, RefreshToken.class)
                .setParameter("hash", tokenHash)
                .getResultList()
                .stream()
                .findFirst();
    }

    @Override
    public Instant databaseTime(String sessionId) {
        return databaseNow(em.createNamedQuery(RefreshSession.DATABASE_TIME).setParameter("id", sessionId))
                .orElseThrow(() -> new IllegalStateException("No session " + sessionId + " to read the time through"));
    }

    /**
     * One statement where {@link #findByHash}, {@link #findSession} and {@link #databaseTime} take four. Entities that
     * this persistence context already held come back as held, not refreshed: a rotation takes from the session only
     * what its login fixed, and the token's state is decided again by {@link #consume}'s conditional update.
     */
    @Override
    public Optional<TimedToken> findTimedToken(String tokenHash) {
        List<Object[]> rows = em.createNamedQuery(RefreshToken.BY_HASH_TIMED, Object[].class)
                .setParameter("hash", tokenHash)
                .getResultList();
        return rows.stream().findFirst().map(row -> new TimedToken((RefreshToken) row[0], (RefreshSession) row[1],
                databaseClock != null ? databaseClock.instant() : instant(row[2], ZoneId.systemDefault(),
                        Instant.now())));
    }

    @Override
    public RefreshToken reload(RefreshToken token) {
        em.refresh(token);
        return token;
    }

    @Override
    public boolean touchSession(String sessionId, Instant now, Instant idleCutoff) {
        return em.createNamedQuery(RefreshSession.TOUCH)
                .setParameter("now", now.toEpochMilli())
                .setParameter("id", sessionId)
                .setParameter("idleCutoff", idleCutoff.toEpochMilli())
                .executeUpdate() == 1;
    }

    @Override
    public boolean consume(String tokenId, Instant databaseTime) {
        return em.createNamedQuery(RefreshToken.CONSUME)
                .setParameter("consumed", RefreshTokenState.CONSUMED)
                .setParameter("active", RefreshTokenState.ACTIVE)
                .setParameter("now", databaseTime.toEpochMilli())
                .setParameter("id", tokenId)
                .executeUpdate() == 1;
    }

    /*
     * Not flushed here: a rotation adds the successor's token right after its seal, and that token's flush writes both,
     * so a lost database still fails the rotation's method. One flush instead of two: EclipseLink's flush works through
     * the whole persistence context each time (docs/performance-runs.md).
     */
    @Override
    public void addSeal(RefreshSeal seal) {
        em.persist(seal);
    }

    @Override
    public Optional<RefreshSeal> findSeal(String tokenId) {
        return Optional.ofNullable(em.find(RefreshSeal.class, tokenId));
    }

    @Override
    public int deleteSealsExpiredBefore(Duration grace) {
        return databaseNow(em.createNamedQuery(RefreshSeal.DATABASE_TIME))
                .map(now -> em.createNamedQuery(RefreshSeal.DELETE_EXPIRED)
                        .setParameter("before", now.minus(grace).toEpochMilli())
                        .executeUpdate())
                .orElse(0);
    }

    /** The database's clock, read through a query of one row of a table; empty when the table has none. */
    private Optional<Instant> databaseNow(Query query) {
        if (databaseClock != null) {
            return Optional.of(databaseClock.instant());
        }
        List<?> rows = query.setMaxResults(1).getResultList();
        return rows.stream().findFirst().map(now -> instant(now, ZoneId.systemDefault(), Instant.now()));
    }

    /**
     * CURRENT_TIMESTAMP as the JPA provider hands it over, as an instant. An offset-carrying type is exact. A
     * java.sql.Timestamp or a LocalDateTime is a wall time of the JVM's zone (as JDBC drivers read a timestamp, and
     * Hibernate renders CURRENT_TIMESTAMP as LOCALTIMESTAMP on PostgreSQL and H2), which in the hour the clocks go back
     * stands for two instants: the one nearer this node's clock is taken, as every node's clock is within seconds of
     * the database's, never an hour.
     */
    static Instant instant(Object timestamp, ZoneId zone, Instant nodeNow) {
        LocalDateTime local;
        if (timestamp instanceof Instant exact) {
            return exact.truncatedTo(ChronoUnit.MILLIS);
        } else if (timestamp instanceof OffsetDateTime offset) {
            return offset.toInstant().truncatedTo(ChronoUnit.MILLIS);
        } else if (timestamp instanceof ZonedDateTime zoned) {
            return zoned.toInstant().truncatedTo(ChronoUnit.MILLIS);
        } else if (timestamp instanceof Timestamp sql) {
            local = sql.toLocalDateTime();
        } else if (timestamp instanceof Date date) {
            local = LocalDateTime.ofInstant(date.toInstant(), zone);
        } else if (timestamp instanceof LocalDateTime wall) {
            local = wall;
        } else {
            throw new IllegalStateException("CURRENT_TIMESTAMP came as " + timestamp);
        }
        // Whole milliseconds, as every instant of the store is kept.
        return zone.getRules().getValidOffsets(local).stream()
                .map(local::toInstant)
                .min(Comparator.comparing(candidate -> Duration.between(candidate, nodeNow).abs()))
                .orElseGet(() -> local.atZone(zone).toInstant())
                .truncatedTo(ChronoUnit.MILLIS);
    }

    @Override
    public boolean revokeSession(String sessionId, Instant now) {
        return em.createNamedQuery(RefreshSession.REVOKE)
                .setParameter("now", now.toEpochMilli())
                .setParameter("id", sessionId)
                .executeUpdate() == 1;
    }

    @Override
    public int revokeSessionsOf(String username, Instant now) {
        return em.createNamedQuery(RefreshSession.REVOKE_ALL_OF_USER)
                .setParameter("now", now.toEpochMilli())
                .setParameter("username", username)
                .executeUpdate();
    }

    @Override
    public List<RefreshSession> liveSessionsOf(String username, Instant now, Instant idleCutoff) {
        return em.createNamedQuery(RefreshSession.LIVE_OF_USER, RefreshSession.class)
                .setParameter("username", username)
                .setParameter("now", now.toEpochMilli())
                .setParameter("idleCutoff", idleCutoff.toEpochMilli())
                .getResultList();
    }

    @Override
    public Map<String, Instant> revokedSince(Instant since) {
        Map<String, Instant> revoked = new HashMap<>();
        for (Object[] row : em.createNamedQuery(RefreshSession.REVOKED_SINCE, Object[].class)
                .setParameter("since", since.toEpochMilli())
                .getResultList()) {
            revoked.put((String) row[0], Instant.ofEpochMilli(((Number) row[1]).longValue()));
        }
        return revoked;
    }

    @Override
    public int purgeDeadSessions(Instant now, Instant idleCutoff, Instant revokedCutoff, int limit) {
        List<String> dead = em.createNamedQuery(RefreshSession.DEAD, String.class)
                .setParameter("now", now.toEpochMilli())
                .setParameter("idleCutoff", idleCutoff.toEpochMilli())
                .setParameter("revokedCutoff", revokedCutoff.toEpochMilli())
                .setMaxResults(limit)
                .getResultList();
        if (dead.isEmpty()) {
            return 0;
        }
        // Sessions first, then their tokens: the lock order of a rotation, so the two never deadlock.
        int deleted = em.createNamedQuery(RefreshSession.DELETE_DEAD)
                .setParameter("ids", dead)
                .setParameter("now", now.toEpochMilli())
                .setParameter("idleCutoff", idleCutoff.toEpochMilli())
                .setParameter("revokedCutoff", revokedCutoff.toEpochMilli())
                .executeUpdate();
        em.createNamedQuery(RefreshToken.DELETE_ORPHANS).setParameter("ids", dead).executeUpdate();
        return deleted;
    }
}
