package dev.tokencookie.auth.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RefusalTimingTest {

    @Test
    void nothingIsHeldBeforeAnyCheckWasAccepted() {
        assertEquals(0, new RefusalTiming().remainingNanos(1_000));
    }

    @Test
    void aQuickRefusalWaitsForTheTimeOfAnAcceptedCheck() {
        RefusalTiming timing = new RefusalTiming();
        timing.accepted(20_000_000);
        assertEquals(23_000_000, timing.remainingNanos(2_000_000),
                "an unknown user, answered without a hash, waits a quarter beyond the accepted check");
        assertEquals(1_000_000, timing.remainingNanos(24_000_000),
                "a wrong password whose hash took a fifth longer than the accepted check ends at the same time");
        assertEquals(0, timing.remainingNanos(25_000_000), "a refusal that took longer waits no more");
    }

    @Test
    void theFirstColdCheckDoesNotSetTheTimeForLong() {
        RefusalTiming timing = new RefusalTiming();
        timing.accepted(900_000_000);
        for (int i = 0; i < 4; i++) {
            timing.accepted(20_000_000);
        }
        assertEquals(25_000_000, timing.remainingNanos(0), "a quarter beyond the third quartile of five");
    }

    @Test
    void aRefusalIsHeldAtMostTwoSeconds() {
        RefusalTiming timing = new RefusalTiming();
        timing.accepted(30_000_000_000L);
        assertEquals(RefusalTiming.MAX_HOLD_NANOS, timing.remainingNanos(0));
    }

    @Test
    void onlyTheRecentChecksCount() {
        RefusalTiming timing = new RefusalTiming();
        for (int i = 0; i < RefusalTiming.SAMPLES; i++) {
            timing.accepted(100_000_000);
        }
        for (int i = 0; i < RefusalTiming.SAMPLES; i++) {
            timing.accepted(10_000_000);
        }
        assertEquals(12_500_000, timing.remainingNanos(0), "after a slow hour, the hashes got cheaper");
    }
}
