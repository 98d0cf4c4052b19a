package dev.tokencookie.refreshtoken.control;

import dev.tokencookie.refreshtoken.control.RefreshTokenRejectedException.Reason;
import dev.tokencookie.refreshtoken.entity.RefreshFamily;
import dev.tokencookie.refreshtoken.entity.RefreshSeal;
import dev.tokencookie.refreshtoken.entity.RefreshToken;
import dev.tokencookie.refreshtoken.entity.RefreshTokenState;
import dev.tokencookie.settings.control.AuthSettings;
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
 * Rotation with reuse detection: a login starts a family, each refresh consumes the presented token for its successor
 * (the same successor for repeats within the leeway), and a consumed token seen after the leeway, on refresh or on
 * logout, revokes the family.
 */
@ApplicationScoped
// A refusal after a revocation must still commit the revocation; a checked exception commits anyway, this says so.
@Transactional(dontRollbackOn = RefreshTokenRejectedException.class)
public class RefreshTokens {

    private static final Logger LOG = Logger.getLogger(RefreshTokens.class.getName());

    /** Successors followed within the leeway; a chain longer than this is no browser's doing. */
    static final int MAX_HOPS = 8;

    /** How long after its leeway a seal may still be read by a rotation already under way. */
    static final Duration SEAL_GRACE = Duration.ofSeconds(2);

    @Inject
    RefreshTokenStore store;

    @Inject
    AuthSettings settings;

    @Inject
    Event<SessionsRevoked> revoked;

    Clock clock = Clock.systemUTC();

    public IssuedRefreshToken startFamily(String username, Set<String> groups, String userAgent) {
        Instant now = now();
        RefreshFamily family = new RefreshFamily(username, groups, userAgent, now, now.plus(settings
                .refreshToken().ttl()));
        store.addFamily(family);
        return issue(family, now);
    }

    /**
     * Exchanges a presented token for its successor.
     *
     * @throws RefreshTokenRejectedException when the token is unknown, its family revoked or expired, or it was used
     *         before and the leeway is over (then the family is revoked too)
     */
    public IssuedRefreshToken rotate(String presented, String clientAddress) throws RefreshTokenRejectedException {
        RefreshToken token = store.findByHash(OpaqueTokens.hash(presented))
                .orElseThrow(() -> new RefreshTokenRejectedException(Reason.UNKNOWN));
        Instant before = now();
        // Locks the family row first, always in this order, so concurrent refreshes queue instead of deadlocking.
        if (!store.touchFamily(token.getFamilyId(), before, idleCutoff(before))) {
            throw new RefreshTokenRejectedException(whyDead(token.getFamilyId()));
        }
        Instant now = now();
        RefreshFamily family = store.findFamily(token.getFamilyId())
                .orElseThrow(() -> new RefreshTokenRejectedException(Reason.UNKNOWN));
        // The leeway is measured by the database's clock, which every node shares (RefreshTokenStore.databaseTime).
        Instant databaseTime = store.databaseTime(family.getId());
        if (token.getState() == RefreshTokenState.ACTIVE) {
            String successor = OpaqueTokens.newToken();
            if (store.consume(token.getId(), databaseTime)) {
                if (!settings.refreshToken().reuseLeeway().isZero()) {
                    store.addSeal(new RefreshSeal(token.getId(), SuccessorSeal.seal(successor, presented),
                            databaseTime.plus(settings.refreshToken().reuseLeeway())));
                }
                store.addToken(new RefreshToken(OpaqueTokens.hash(successor), family.getId(), now));
                return issued(successor, family, now);
            }
            // A concurrent refresh consumed it and committed while we waited for the family's lock.
            token = store.reload(token);
        }
        return repeat(token, presented, family, databaseTime, now, clientAddress);
    }

    /** A consumed token again: the same live successor within the leeway, theft after it. */
    private IssuedRefreshToken repeat(RefreshToken consumed, String presented, RefreshFamily family,
            Instant databaseTime, Instant now, String clientAddress) throws RefreshTokenRejectedException {
        RefreshToken current = consumed;
        String value = presented;
        // Follow the chain: the successor may itself have been rotated by a tab that was faster.
        for (int hop = 0; hop < MAX_HOPS && current.getState() == RefreshTokenState.CONSUMED; hop++) {
            Optional<RefreshSeal> seal = liveSeal(current, databaseTime);
            if (seal.isEmpty()) {
                // The leeway of this link is over, so that of the presented token, consumed first, is too.
                throw theft(family, clientAddress);
            }
            value = SuccessorSeal.unseal(seal.get().getSealedSuccessor(), value);
            current = store.findByHash(OpaqueTokens.hash(value))
                    .orElseThrow(() -> new RefreshTokenRejectedException(Reason.UNKNOWN));
        }
        if (current.getState() != RefreshTokenState.ACTIVE) {
            LOG.warning(() -> "Refresh refused: the chain of session " + family.getId() + " is longer than "
                    + MAX_HOPS);
            throw new RefreshTokenRejectedException(Reason.REUSED);
        }
        return issued(value, family, now);
    }

    /**
     * A consumed token's seal while its leeway lasts. The seal's end, stamped by the node that consumed the token, is
     * the one deadline: a node with another leeway setting, or a seal already swept, decides nothing else.
     */
    private Optional<RefreshSeal> liveSeal(RefreshToken consumed, Instant databaseTime) {
        return store.findSeal(consumed.getId()).filter(seal -> !seal.getExpiresAt().isBefore(databaseTime));
    }

    /** Revokes the family of a stolen token; the caller raises the alarm once this is committed (ReuseAlarm). */
    private RefreshTokenRejectedException theft(RefreshFamily family, String clientAddress) {
        store.revokeFamily(family.getId(), now());
        revoked.fire(new SessionsRevoked(List.of(family.getId())));
        return new RefreshTokenRejectedException(Reason.REUSED,
                new RefreshTokenReuse(family.getUsername(), family.getId(), clientAddress));
    }

    /**
     * Ends the session the presented token belongs to; an unknown token is ignored, as logout always succeeds. A used
     * token whose leeway is over is theft here as on refresh: the session ends all the same, and the caller raises the
     * alarm once this is committed.
     *
     * @return the theft, when the token was a stolen one of a live session
     */
    public Optional<RefreshTokenReuse> logout(String presented, String clientAddress) {
        Optional<RefreshToken> token = store.findByHash(OpaqueTokens.hash(presented));
        if (token.isEmpty()) {
            return Optional.empty();
        }
        String familyId = token.get().getFamilyId();
        Instant now = now();
        // The family's lock, as a rotation takes it: a logout and a refresh of one session run one after the other.
        if (!store.touchFamily(familyId, now, idleCutoff(now))) {
            return Optional.empty();
        }
        // Read again under the lock: a rotation may have consumed it meanwhile.
        RefreshToken current = store.reload(token.get());
        boolean stolen = current.getState() == RefreshTokenState.CONSUMED
                && liveSeal(current, store.databaseTime(familyId)).isEmpty();
        store.revokeFamily(familyId, now);
        revoked.fire(new SessionsRevoked(List.of(familyId)));
        return stolen ? store.findFamily(familyId)
                .map(family -> new RefreshTokenReuse(family.getUsername(), familyId, clientAddress))
                : Optional.empty();
    }

    /**
     * Deletes one bounded batch of dead families with their tokens, in a transaction of its own.
     *
     * @return how many families were deleted; fewer than {@code limit} means none are left
     */
    public int purgeDead(int limit) {
        // A margin for the clocks of other nodes: a family is deleted only once it is dead by every node's clock.
        Instant now = now().minus(settings.clockSkew());
        return store.purgeDeadFamilies(now, idleCutoff(now), now.minus(settings.revokedSessionRetention()), limit);
    }

    /**
     * Erases the sealed successors whose leeway is over, also of sessions at rest; in a transaction of its own. A
     * seal is kept {@link #SEAL_GRACE} longer, for a rotation whose transaction began within the leeway (its time is
     * the transaction's start) and is still following the chain.
     */
    public int eraseEndedSeals() {
        return store.deleteSealsExpiredBefore(SEAL_GRACE);
    }

    private Reason whyDead(String familyId) {
        return store.findFamily(familyId)
                .map(family -> family.isRevoked() ? Reason.REVOKED : Reason.EXPIRED)
                .orElse(Reason.UNKNOWN);
    }

    /** Whole milliseconds, as the store keeps them, so that lifetimes computed here match the stored ones exactly. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private Instant idleCutoff(Instant now) {
        return now.minus(settings.refreshToken().idleTtl());
    }

    private IssuedRefreshToken issue(RefreshFamily family, Instant now) {
        String value = OpaqueTokens.newToken();
        store.addToken(new RefreshToken(OpaqueTokens.hash(value), family.getId(), now));
        return issued(value, family, now);
    }

    private IssuedRefreshToken issued(String value, RefreshFamily family, Instant now) {
        // Measured from the instant the family was last touched, so the cookie lives exactly as long as the login.
        Instant end = family.endOfLife(settings.refreshToken().idleTtl());
        return new IssuedRefreshToken(value, family.getId(), family.getUsername(), family.getGroups(),
                Duration.between(now, end).isNegative() ? Duration.ZERO : Duration.between(now, end));
    }
}
