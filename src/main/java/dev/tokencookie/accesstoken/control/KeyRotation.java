package dev.tokencookie.accesstoken.control;

import dev.tokencookie.settings.control.AuthSettings;
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
 * <p>The key of the highest generation that is active signs. Its successor is published one lead (access-token
 * lifetime plus clock skew) before it signs, so that verifiers caching the JWKS know it in time; a replaced key stays
 * published for one lead after its successor took over, when the last token it signed has expired.
 */
public final class KeyRotation {

    /** How long a node trusts what it read: keys added or removed by another node are seen within this time. */
    static final Duration RECHECK = Duration.ofSeconds(10);
    private static final Duration MAX_JWKS_AGE = Duration.ofMinutes(5);

    private final SigningAlgorithm algorithm;
    private final Duration period;
    private final Duration lead;

    public KeyRotation(AuthSettings settings) {
        this.algorithm = SigningAlgorithm.byJoseName(settings.signingAlgorithm()).orElseThrow();
        this.period = settings.signingRotationPeriod();
        this.lead = settings.keyPublicationLead();
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
        ScheduledKey current = null;
        for (ScheduledKey key : keys) {
            if (!key.activatesAt().isAfter(now)) {
                current = key;
            }
        }
        List<SigningKey> published = new ArrayList<>();
        List<String> removable = new ArrayList<>();
        Instant nextCheck = now.plus(RECHECK);
        boolean pending = false;
        for (int i = 0; i < keys.size(); i++) {
            ScheduledKey key = keys.get(i);
            if (current != null && key.generation() < current.generation()) {
                Instant removeAt = keys.get(i + 1).activatesAt().plus(lead);
                if (!now.isBefore(removeAt)) {
                    removable.add(key.key().keyId());
                    continue;
                }
                nextCheck = earlier(nextCheck, removeAt);
            } else if (key.activatesAt().isAfter(now)) {
                pending = true;
                nextCheck = earlier(nextCheck, key.activatesAt());
            }
            published.add(key.key());
        }

        Optional<Instant> newKey = Optional.empty();
        boolean currentFits = current != null && current.key().algorithm().equals(algorithm.joseName());
        if (!currentFits) {
            // No key yet, or the team chose another algorithm: tokens of the old one are refused from now on anyway.
            newKey = Optional.of(now);
        } else if (!pending) {
            Instant due = current.activatesAt().plus(period).minus(lead);
            if (now.isBefore(due)) {
                nextCheck = earlier(nextCheck, due);
            } else {
                Instant scheduled = current.activatesAt().plus(period);
                Instant earliest = now.plus(lead);
                newKey = Optional.of(scheduled.isAfter(earliest) ? scheduled : earliest);
            }
        }
        long nextGeneration = keys.isEmpty() ? 1 : keys.get(keys.size() - 1).generation() + 1;
        return new Plan(currentFits ? Optional.of(current.key()) : Optional.empty(), List.copyOf(published),
                List.copyOf(removable), newKey, nextGeneration, nextCheck);
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
