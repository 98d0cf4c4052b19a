package dev.tokencookie.accesstoken.control;

import dev.tokencookie.settings.control.AuthSettings;
import dev.tokencookie.settings.control.SigningAlgorithm;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides from the stored keys and the clock alone which key signs, which are published, which may go and when the
 * next key is due, so that every node comes to the same answer without talking to the others.
 *
 * <p>The newest active key of the configured algorithm signs. Its successor is published one lead (access-token
 * lifetime plus clock skew, at least {@link #RECHECK}) before it signs, so that verifiers caching the JWKS know it in
 * time; a replaced key stays published for one lead after its successor took over, when the last token it signed has
 * expired.
 */
public final class KeyRotation {

    /** How long a node trusts what it read: keys added or removed by another node are seen within this time. */
    static final Duration RECHECK = Duration.ofSeconds(10);
    private static final Duration MAX_JWKS_AGE = Duration.ofMinutes(5);

    private final SigningAlgorithm algorithm;
    private final Duration period;
    private final Duration lead;
    private final Duration skew;

    public KeyRotation(AuthSettings settings) {
        this.algorithm = settings.signing().algorithm();
        this.period = settings.signing().rotationPeriod();
        this.lead = settings.keyPublicationLead();
        this.skew = settings.clockSkew();
    }

    /**
     * How long a verifier may cache the JWKS: short enough that a key published on one node, and seen by the other
     * nodes within {@link #RECHECK}, reaches every cache before it signs; never more than five minutes.
     */
    public static Duration jwksMaxAge(AuthSettings settings) {
        Duration maxAge = settings.keyPublicationLead().minus(RECHECK);
        return maxAge.isNegative() ? Duration.ZERO : maxAge.compareTo(MAX_JWKS_AGE) > 0 ? MAX_JWKS_AGE : maxAge;
    }

    SigningAlgorithm algorithm() {
        return algorithm;
    }

    /**
     * @param newKeyActivatesAt when a key should be added now, the instant from which it signs
     * @param nextCheck         when the answer may change: the plan holds until then
     */
    record Plan(Optional<SigningKey> signingKey, List<SigningKey> published, List<String> removable,
            Optional<Instant> newKeyActivatesAt, long nextGeneration, Instant nextCheck) {
    }

    Plan plan(List<ScheduledKey> stored, Instant now) {
        List<ScheduledKey> keys = stored.stream().sorted(Comparator.comparingLong(ScheduledKey::generation)).toList();
        ScheduledKey current = newestActive(keys, now);
        if (current == null) {
            // A key made "at once" by a node whose clock runs a little ahead counts as active: no second key for it.
            current = newestActive(keys, now.plus(skew));
        }
        List<SigningKey> published = new ArrayList<>();
        List<String> removable = new ArrayList<>();
        Instant nextCheck = now.plus(RECHECK);
        boolean pending = false;
        for (int i = 0; i < keys.size(); i++) {
            ScheduledKey key = keys.get(i);
            Instant removeAt = removalTime(keys, i, now);
            if (removeAt != null && !now.isBefore(removeAt)) {
                removable.add(key.key().keyId());
                continue;
            }
            if (removeAt != null) {
                nextCheck = earlier(nextCheck, removeAt);
            }
            if (key.activatesAt().isAfter(now)) {
                nextCheck = earlier(nextCheck, key.activatesAt());
                pending |= fits(key) && (current == null || key.generation() > current.generation());
            }
            published.add(key.key());
        }

        Optional<Instant> newKey = Optional.empty();
        if (current == null) {
            // No key of the algorithm yet (first start, or the team chose another one): tokens of another algorithm
            // are refused from now on anyway, so the new key signs at once.
            newKey = Optional.of(now);
        } else if (!pending) {
            Instant due = current.activatesAt().plus(period).minus(lead);
            if (now.isBefore(due)) {
                nextCheck = earlier(nextCheck, due);
            } else {
                // Other nodes see a new key within RECHECK: it must wait at least that long too.
                Instant earliest = now.plus(lead.compareTo(RECHECK) > 0 ? lead : RECHECK);
                Instant scheduled = current.activatesAt().plus(period);
                newKey = Optional.of(scheduled.isAfter(earliest) ? scheduled : earliest);
            }
        }
        long nextGeneration = keys.isEmpty() ? 1 : keys.get(keys.size() - 1).generation() + 1;
        return new Plan(Optional.ofNullable(current).map(ScheduledKey::key), List.copyOf(published),
                List.copyOf(removable), newKey, nextGeneration, nextCheck);
    }

    private boolean fits(ScheduledKey key) {
        return key.key().algorithm().equals(algorithm.joseName());
    }

    private ScheduledKey newestActive(List<ScheduledKey> keys, Instant at) {
        ScheduledKey newest = null;
        for (ScheduledKey key : keys) {
            if (fits(key) && !key.activatesAt().isAfter(at)) {
                newest = key;
            }
        }
        return newest;
    }

    /**
     * A key goes one lead after a newer key of its algorithm took over: every token it signed has expired by then.
     * Nodes configured with another algorithm (during a rolling change) rotate their own keys; a key of another
     * algorithm that nobody replaced within its period plus a lead is signed with by no node any more.
     */
    private Instant removalTime(List<ScheduledKey> keys, int index, Instant now) {
        ScheduledKey key = keys.get(index);
        for (ScheduledKey later : keys.subList(index + 1, keys.size())) {
            if (later.key().algorithm().equals(key.key().algorithm()) && !later.activatesAt().isAfter(now)) {
                return later.activatesAt().plus(lead);
            }
        }
        if (!fits(key) && !key.activatesAt().isAfter(now)) {
            return key.activatesAt().plus(period).plus(lead);
        }
        return null;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
