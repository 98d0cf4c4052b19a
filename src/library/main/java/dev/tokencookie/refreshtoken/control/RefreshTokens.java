package dev.tokencookie.refreshtoken.control;

import dev.tokencookie.refreshtoken.control.RefreshTokenRejectedException.Reason;
import dev.tokencookie.refreshtoken.entity.RefreshSeal;
import dev.tokencookie.refreshtoken.entity.RefreshSession;
import dev.tokencookie.refreshtoken.entity.RefreshToken;
import dev.tokencookie.refreshtoken.entity.RefreshTokenState;
import dev.tokencookie.settings.control.AuthSettings;
import dev.tokencookie.settings.control.DpopMode;
import dev.tokencookie.shared.control.QueryTimeout;
import dev.tokencookie.shared.control.UncheckedCommit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Rotation with reuse detection: a login starts a session, each refresh consumes the presented token for its successor
 * (the same successor for repeats within the leeway), and a consumed token seen after the leeway, on refresh or on
 * logout, revokes the session.
 */
@ApplicationScoped
// A refusal after a revocation must still commit the revocation; a checked exception commits anyway, this says so.
@Transactional(dontRollbackOn = RefreshTokenRejectedException.class)
@UncheckedCommit
public class RefreshTokens {

    private static final Logger LOG = Logger.getLogger(RefreshTokens.class.getName());

    /** Successors followed within the leeway; a chain longer than this is no browser's doing. */
    static final int MAX_HOPS = 8;

    /**
     * How long after its leeway a seal is kept for a rotation already under way. One that began within the leeway
     * may wait for the session's lock up to the query timeout before it reads the seal; swept meanwhile, its repeat
     * would be taken for theft and end the session. Twice the bound covers that wait and the reads around it, which
     * wait for no lock.
     */
    static final Duration SEAL_GRACE = QueryTimeout.BOUND.multipliedBy(2);

    @Inject
    RefreshTokenStore store;

    @Inject
    AuthSettings settings;

    @Inject
    Event<SessionsRevoked> revoked;

    Clock clock = Clock.systemUTC();

    public IssuedRefreshToken startSession(String username, Set<String> groups, String userAgent) {
        return startSession(username, groups, userAgent, Optional.empty());
    }

    /** A login bound, when a key is given, to that key's thumbprint: every refresh must then prove the same key. */
    public IssuedRefreshToken startSession(String username, Set<String> groups, String userAgent,
            Optional<String> boundKey) {
        Instant now = now();
        RefreshSession session = new RefreshSession(username, groups, userAgent, now, now.plus(settings
                .refreshToken().ttl()), boundKey.orElse(null));
        store.addSession(session);
        return issue(session, now);
    }

    /**
     * Exchanges a presented token for its successor.
     *
     * @throws RefreshTokenRejectedException when the token is unknown, its session revoked or expired, or it was used
     *         before and the leeway is over (then the session is revoked too)
     */
    public IssuedRefreshToken rotate(String presented, String clientAddress) throws RefreshTokenRejectedException {
        return rotate(presented, clientAddress, Optional.empty());
    }

    /**
     * Exchanges a presented token for its successor, with the key the request proved.
     *
     * @param provenKey the thumbprint of the key the request's DPoP proof was signed with; empty without a proof
     * @throws RefreshTokenRejectedException as {@link #rotate(String, String)}, and when the session is bound to a
     *         key and the request did not prove it: then the session is revoked, as a stolen token's is
     */
    public IssuedRefreshToken rotate(String presented, String clientAddress, Optional<String> provenKey)
            throws RefreshTokenRejectedException {
        // Read before the lock, in one statement: of the session only what its login fixed is used, and the token's
        // state is decided again by the consume's conditional update. The leeway is measured by the database's clock,
        // which every node shares (RefreshTokenStore.databaseTime).
        TimedToken timed = store.findTimedToken(OpaqueTokens.hash(presented))
                .orElseThrow(() -> new RefreshTokenRejectedException(Reason.UNKNOWN));
        RefreshToken token = timed.token();
        RefreshSession session = timed.session();
        Instant databaseTime = timed.databaseTime();
        Instant touched = now();
        // Locks the session row first, always in this order, so concurrent refreshes queue instead of deadlocking; it
        // also decides, under the lock, that the session is still alive.
        if (!store.touchSession(session.getId(), touched, idleCutoff(touched))) {
            throw new RefreshTokenRejectedException(whyDead(session.getId()));
        }
        Instant now = now();
        if (session.getBoundKey().isPresent() && !session.getBoundKey().equals(provenKey)) {
            // The cookie without the key: copied out of the browser that holds the key, whatever the token's state.
            throw theft(session, clientAddress, Reason.WRONG_KEY);
        }
        if (session.getBoundKey().isEmpty() && settings.dpop().mode() == DpopMode.REQUIRED) {
            throw new RefreshTokenRejectedException(Reason.UNBOUND);
        }
        if (token.getState() == RefreshTokenState.ACTIVE) {
            String successor = OpaqueTokens.newToken();
            if (store.consume(token.getId(), databaseTime)) {
                if (!settings.refreshToken().reuseLeeway().isZero()) {
                    store.addSeal(new RefreshSeal(token.getId(), SuccessorSeal.seal(successor, presented),
                            databaseTime.plus(settings.refreshToken().reuseLeeway())));
                }
                store.addToken(new RefreshToken(OpaqueTokens.hash(successor), session.getId(), now));
                return issued(successor, session, touched, now, false);
            }
            // A concurrent refresh consumed it and committed while we waited for the session's lock.
            token = store.reload(token);
        }
        return repeat(token, presented, session, databaseTime, touched, now, clientAddress);
    }

    /** A consumed token again: the same live successor within the leeway, theft after it. */
    private IssuedRefreshToken repeat(RefreshToken consumed, String presented, RefreshSession session,
            Instant databaseTime, Instant touched, Instant now, String clientAddress)
            throws RefreshTokenRejectedException {
        RefreshToken current = consumed;
        String value = presented;
        // Follow the chain: the successor may itself have been rotated by a tab that was faster.
        for (int hop = 0; hop < MAX_HOPS && current.getState() == RefreshTokenState.CONSUMED; hop++) {
            Optional<RefreshSeal> seal = liveSeal(current, databaseTime);
            if (seal.isEmpty()) {
                // The leeway of this link is over, so that of the presented token, consumed first, is too.
                throw theft(session, clientAddress, Reason.REUSED);
            }
            value = SuccessorSeal.unseal(seal.get().getSealedSuccessor(), value);
            current = store.findByHash(OpaqueTokens.hash(value))
                    .orElseThrow(() -> new RefreshTokenRejectedException(Reason.UNKNOWN));
        }
        if (current.getState() != RefreshTokenState.ACTIVE) {
            LOG.warning(() -> "Refresh refused: the chain of session " + session.getId() + " is longer than "
                    + MAX_HOPS);
            throw new RefreshTokenRejectedException(Reason.REUSED);
        }
        return issued(value, session, touched, now, true);
    }

    /**
     * A consumed token's seal while its leeway lasts. The seal's end, stamped by the node that consumed the token, is
     * the one deadline: a node with another leeway setting, or a seal already swept, decides nothing else.
     */
    private Optional<RefreshSeal> liveSeal(RefreshToken consumed, Instant databaseTime) {
        return store.findSeal(consumed.getId()).filter(seal -> !seal.getExpiresAt().isBefore(databaseTime));
    }

    /** Revokes the session of a stolen token; the caller raises the alarm once this is committed (ReuseAlarm). */
    private RefreshTokenRejectedException theft(RefreshSession session, String clientAddress, Reason reason) {
        store.revokeSession(session.getId(), now());
        revoked.fire(new SessionsRevoked(List.of(session.getId())));
        return new RefreshTokenRejectedException(reason,
                new RefreshTokenReuse(session.getUsername(), session.getId(), clientAddress));
    }

    /** A login ended by its user: whose, which, and the theft when the token was a stolen one. */
    public record LoggedOut(String username, String sessionId, Optional<RefreshTokenReuse> reuse) {
    }

    /**
     * Ends the session the presented token belongs to; an unknown token is ignored, as logout always succeeds. A used
     * token whose leeway is over is theft here as on refresh: the session ends all the same, and the caller raises the
     * alarm once this is committed.
     *
     * @return the theft, when the token was a stolen one of a live session
     */
    public Optional<RefreshTokenReuse> logout(String presented, String clientAddress) {
        return endSession(presented, clientAddress).flatMap(LoggedOut::reuse);
    }

    /**
     * As {@link #logout}, telling also whose login ended.
     *
     * @return the login ended, empty when the token was unknown or its login already dead
     */
    public Optional<LoggedOut> endSession(String presented, String clientAddress) {
        // One read before the lock, as a rotation's: of the session only its user is used, which its login fixed.
        Optional<TimedToken> timed = store.findTimedToken(OpaqueTokens.hash(presented));
        if (timed.isEmpty()) {
            return Optional.empty();
        }
        String sessionId = timed.get().session().getId();
        String username = timed.get().session().getUsername();
        Instant now = now();
        // The session's lock, as a rotation takes it: a logout and a refresh of one session run one after the other.
        if (!store.touchSession(sessionId, now, idleCutoff(now))) {
            return Optional.empty();
        }
        // Read again under the lock: a rotation may have consumed it meanwhile.
        RefreshToken current = store.reload(timed.get().token());
        boolean stolen = current.getState() == RefreshTokenState.CONSUMED
                && liveSeal(current, timed.get().databaseTime()).isEmpty();
        store.revokeSession(sessionId, now);
        revoked.fire(new SessionsRevoked(List.of(sessionId)));
        return Optional.of(new LoggedOut(username, sessionId, stolen
                ? Optional.of(new RefreshTokenReuse(username, sessionId, clientAddress)) : Optional.empty()));
    }

    /**
     * Deletes one bounded batch of dead sessions with their tokens, in a transaction of its own.
     *
     * @return how many sessions were deleted; fewer than {@code limit} means none are left
     */
    public int purgeDead(int limit) {
        // A margin for the clocks of other nodes: a session is deleted only once it is dead by every node's clock.
        Instant now = now().minus(settings.clockSkew());
        return store.purgeDeadSessions(now, idleCutoff(now), now.minus(settings.revokedSessionRetention()), limit);
    }

    /**
     * Erases the sealed successors whose leeway is over, also of sessions at rest; in a transaction of its own. A
     * seal is kept {@link #SEAL_GRACE} longer, for a rotation whose transaction began within the leeway (its time is
     * the transaction's start) and is still following the chain.
     */
    public int eraseEndedSeals() {
        return store.deleteSealsExpiredBefore(SEAL_GRACE);
    }

    private Reason whyDead(String sessionId) {
        return store.isRevoked(sessionId)
                .map(revoked -> revoked ? Reason.REVOKED : Reason.EXPIRED)
                .orElse(Reason.UNKNOWN);
    }

    /** Whole milliseconds, as the store keeps them, so that lifetimes computed here match the stored ones exactly. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private Instant idleCutoff(Instant now) {
        return now.minus(settings.refreshToken().idleTtl());
    }

    private IssuedRefreshToken issue(RefreshSession session, Instant now) {
        String value = OpaqueTokens.newToken();
        store.addToken(new RefreshToken(OpaqueTokens.hash(value), session.getId(), now));
        return issued(value, session, now, now, false);
    }

    private IssuedRefreshToken issued(String value, RefreshSession session, Instant touched, Instant now,
            boolean repeated) {
        // Measured from the instant the session was last touched, so the cookie lives exactly as long as the login.
        Instant end = session.endOfLife(touched, settings.refreshToken().idleTtl());
        return new IssuedRefreshToken(value, session.getId(), session.getUsername(), session.getGroups(),
                Duration.between(now, end).isNegative() ? Duration.ZERO : Duration.between(now, end), repeated,
                session.getBoundKey());
    }
}
