package dev.tokencookie.refreshtoken.control;

import dev.tokencookie.refreshtoken.entity.RefreshSeal;
import dev.tokencookie.refreshtoken.entity.RefreshSession;
import dev.tokencookie.refreshtoken.entity.RefreshToken;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Persistence of refresh tokens and their sessions, called inside the caller's transaction; an {@code @Alternative}
 * bean replaces the JPA default.
 */
public interface RefreshTokenStore {

    void addSession(RefreshSession session);

    void addToken(RefreshToken token);

    /** Reads the session from the database, never from a cache. */
    Optional<RefreshSession> findSession(String sessionId);

    Optional<RefreshToken> findByHash(String tokenHash);

    /**
     * Whether the session is revoked, read from the database; empty when there is no such session (any more): why a
     * rotation was refused. A store of a team's own that does not override it is asked for the whole session.
     */
    default Optional<Boolean> isRevoked(String sessionId) {
        return findSession(sessionId).map(RefreshSession::isRevoked);
    }

    /**
     * The database's clock now, read in a query of the session's row (with PostgreSQL and H2, the time the transaction
     * began). Every node measures the reuse leeway against this one clock, never its own: node clocks that differ by
     * more than the leeway would otherwise turn a retry into theft, or hand a replayed token the live one.
     */
    Instant databaseTime(String sessionId);

    /**
     * The token of the hash with its session and {@link #databaseTime}, from the database: a rotation's or a
     * logout's first read, before it holds the session's lock (with PostgreSQL and H2 the clock is the transaction's
     * start either way).
     * Empty when either is missing. A store of a team's own that does not override it is asked for the three one
     * after the other.
     */
    default Optional<TimedToken> findTimedToken(String tokenHash) {
        return findByHash(tokenHash).flatMap(token -> findSession(token.getSessionId())
                .map(session -> new TimedToken(token, session, databaseTime(token.getSessionId()))));
    }

    /**
     * Asks the database something cheap, for the readiness probe; throws when it does not answer. A store of a team's
     * own that does not override it is asked for a session that does not exist.
     */
    default void ping() {
        findSession("readiness-probe");
    }

    /** Reads the token's row again, to see what a concurrent transaction committed. */
    RefreshToken reload(RefreshToken token);

    /**
     * Marks the session used now if it is alive, in one conditional update that also locks its row until commit, so
     * that rotations, logouts and revocations of one session run one after the other.
     *
     * @return whether the session is alive (not revoked, not past its absolute end, used after idleCutoff)
     */
    boolean touchSession(String sessionId, Instant now, Instant idleCutoff);

    /**
     * Marks an active token consumed at the database time given, in one conditional update: of two concurrent callers
     * only one succeeds.
     *
     * @return whether this call consumed it
     */
    boolean consume(String tokenId, Instant databaseTime);

    /** Keeps a consumed token's sealed successor until the leeway ends. */
    void addSeal(RefreshSeal seal);

    Optional<RefreshSeal> findSeal(String tokenId);

    /**
     * Deletes the seals whose leeway ended more than {@code grace} ago by the database's clock, also of sessions at
     * rest; in the caller's transaction.
     *
     * @return how many were deleted
     */
    int deleteSealsExpiredBefore(Duration grace);

    /** @return whether the session was alive and is now revoked */
    boolean revokeSession(String sessionId, Instant now);

    /** @return how many live sessions of the user were revoked */
    int revokeSessionsOf(String username, Instant now);

    List<RefreshSession> liveSessionsOf(String username, Instant now, Instant idleCutoff);

    /** The ids of the sessions revoked at or after the instant, with the instant of each revocation. */
    Map<String, Instant> revokedSince(Instant since);

    /**
     * Deletes up to {@code limit} dead sessions (revoked before revokedCutoff, or not revoked and past their absolute
     * or idle end) and all their tokens.
     *
     * @return how many sessions were deleted
     */
    int purgeDeadSessions(Instant now, Instant idleCutoff, Instant revokedCutoff, int limit);
}
