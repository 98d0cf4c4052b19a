package dev.tokencookie.accesstoken.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokencookie.settings.control.TestSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The rotation's timeline with a 30-day period and a lead of 5 min 30 s (the default token lifetime plus skew).
 */
class KeyRotationTest {

    private static final KeyRotation ROTATION = new KeyRotation(TestSettings.with());
    private static final Duration LEAD = Duration.ofSeconds(330);
    private static final Duration PERIOD = Duration.ofDays(30);
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    private final List<ScheduledKey> stored = new ArrayList<>();

    private KeyRotation.Plan planAndApply(Instant now) {
        return planAndApply(ROTATION, now);
    }

    /** What a node does on a read: plan, add the key that is due, remove the keys that may go, plan again. */
    private KeyRotation.Plan planAndApply(KeyRotation rotation, Instant now) {
        KeyRotation.Plan plan = rotation.plan(stored, now);
        plan.newKeyActivatesAt().ifPresent(activatesAt -> stored.add(new ScheduledKey(
                GeneratedSigningKeys.newKey(rotation.algorithm()), plan.nextGeneration(), now, activatesAt)));
        stored.removeIf(key -> plan.removable().contains(key.key().keyId()));
        return rotation.plan(stored, now);
    }

    private String kid(int index) {
        return stored.stream().filter(key -> key.generation() == index).findFirst().orElseThrow().key().keyId();
    }

    private static List<String> kids(KeyRotation.Plan plan) {
        return plan.published().stream().map(SigningKey::keyId).toList();
    }

    @Test
    void theFirstKeySignsAtOnce() {
        KeyRotation.Plan plan = planAndApply(T0);

        assertEquals(kid(1), plan.signingKey().orElseThrow().keyId());
        assertEquals(List.of(kid(1)), kids(plan));
        assertEquals(Optional.empty(), plan.newKeyActivatesAt());
    }

    @Test
    void theNextKeyIsPublishedOneLeadBeforeItSignsAndTheOldOneStaysUntilItsTokensExpired() {
        planAndApply(T0);
        Instant due = T0.plus(PERIOD).minus(LEAD);

        KeyRotation.Plan before = planAndApply(due.minusSeconds(1));
        assertEquals(List.of(kid(1)), kids(before), "no second key before it is due");
        assertTrue(!before.nextCheck().isAfter(due), "the plan is read again by the due time");

        KeyRotation.Plan published = planAndApply(due);
        assertEquals(List.of(kid(1), kid(2)), kids(published), "published ahead");
        assertEquals(kid(1), published.signingKey().orElseThrow().keyId(), "but not signing yet");
        assertEquals(T0.plus(PERIOD), stored.get(1).activatesAt());

        Instant switchover = T0.plus(PERIOD);
        assertEquals(kid(1), planAndApply(switchover.minusMillis(1)).signingKey().orElseThrow().keyId());
        KeyRotation.Plan switched = planAndApply(switchover);
        assertEquals(kid(2), switched.signingKey().orElseThrow().keyId());
        assertEquals(List.of(kid(1), kid(2)), kids(switched), "the old key still verifies its last tokens");

        assertEquals(List.of(kid(1), kid(2)), kids(planAndApply(switchover.plus(LEAD).minusMillis(1))));
        KeyRotation.Plan retired = planAndApply(switchover.plus(LEAD));
        assertEquals(List.of(kid(2)), kids(retired), "removed once every token it signed has expired");
        assertEquals(1, stored.size());
    }

    @Test
    void aServerThatWasDownPastTheRotationStillPublishesTheNewKeyAheadOfUse() {
        planAndApply(T0);
        Instant late = T0.plus(PERIOD).plus(Duration.ofDays(3));

        KeyRotation.Plan plan = planAndApply(late);

        assertEquals(kid(1), plan.signingKey().orElseThrow().keyId(), "the old key signs on while the new one waits");
        assertEquals(late.plus(LEAD), stored.get(1).activatesAt());
    }

    @Test
    void onlyOneKeyWaitsAtATime() {
        planAndApply(T0);
        Instant due = T0.plus(PERIOD).minus(LEAD);
        planAndApply(due);
        planAndApply(due.plusSeconds(60));
        assertEquals(2, stored.size());
    }

    @Test
    void anotherAlgorithmGetsAKeyAtOnceAndTheOldKeyGoesWhenNoNodeCanStillUseIt() {
        planAndApply(T0);
        String rs256 = kid(1);
        KeyRotation es256 = new KeyRotation(TestSettings.with("auth.signing.algorithm", "ES256"));
        Instant now = T0.plus(Duration.ofDays(1));

        KeyRotation.Plan plan = planAndApply(es256, now);

        assertEquals(kid(2), plan.signingKey().orElseThrow().keyId(), "a key of the new algorithm signs at once");
        assertEquals("ES256", plan.signingKey().orElseThrow().algorithm());
        assertEquals(List.of(rs256, kid(2)), kids(plan), "a node still on RS256 may sign with the old key");
        assertEquals(List.of(rs256, kid(2)), kids(planAndApply(es256, T0.plus(PERIOD).plus(LEAD).minusMillis(1))));
        KeyRotation.Plan later = planAndApply(es256, T0.plus(PERIOD).plus(LEAD));
        assertEquals(List.of(kid(2)), kids(later), "no RS256 node replaced it within its period: none is left");
    }

    @Test
    void nodesOnDifferentAlgorithmsDuringARollingChangeDoNotPileUpKeys() {
        KeyRotation es256 = new KeyRotation(TestSettings.with("auth.signing.algorithm", "ES256"));
        Instant now = T0;
        for (int read = 0; read < 24; read++, now = now.plusSeconds(10)) {
            KeyRotation.Plan plan = planAndApply(read % 2 == 0 ? ROTATION : es256, now);
            assertTrue(plan.signingKey().isPresent());
        }
        assertEquals(2, stored.size(), "one key per algorithm: " + stored);
    }

    @Test
    void aNodeWhoseClockIsBehindSignsWithTheKeyAnotherNodeMadeAtOnce() {
        planAndApply(T0);

        KeyRotation.Plan behind = planAndApply(T0.minusSeconds(1));

        assertEquals(kid(1), behind.signingKey().orElseThrow().keyId());
        assertEquals(1, stored.size(), "no second key for a clock one second behind");
    }

    @Test
    void withAShortLeadTheNextKeyStillWaitsUntilEveryNodeHasSeenIt() {
        KeyRotation quick = new KeyRotation(TestSettings.with("auth.access-token.ttl", "PT2S", "auth.clock-skew",
                "PT0S", "auth.signing.rotation-period", "PT30S"));
        planAndApply(quick, T0);
        Instant due = T0.plusSeconds(28);

        planAndApply(quick, due);

        assertEquals(due.plus(KeyRotation.RECHECK), stored.get(1).activatesAt(), "nodes re-read every 10 s");
    }

    @Test
    void aNodeRereadsTheKeysWithinTheRecheckIntervalEvenWhenNothingIsDue() {
        KeyRotation.Plan plan = planAndApply(T0);
        assertEquals(T0.plus(KeyRotation.RECHECK), plan.nextCheck());
    }

    @Test
    void verifiersCacheTheJwksForLessThanTheLead() {
        assertEquals(Duration.ofMinutes(5), KeyRotation.jwksMaxAge(TestSettings.with()));
        assertEquals(Duration.ofSeconds(80), KeyRotation.jwksMaxAge(TestSettings.with("auth.access-token.ttl",
                "PT1M")));
        assertEquals(Duration.ZERO, KeyRotation.jwksMaxAge(TestSettings.with("auth.access-token.ttl", "PT5S",
                "auth.clock-skew", "PT0S")));
    }
}
