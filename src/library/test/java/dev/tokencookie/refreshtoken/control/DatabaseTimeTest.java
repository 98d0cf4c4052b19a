package dev.tokencookie.refreshtoken.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * CURRENT_TIMESTAMP as an instant, whatever type the JPA provider hands over: above all a wall time without a zone
 * (Hibernate's LOCALTIMESTAMP) in the hour that a zone with daylight saving lives twice.
 */
class DatabaseTimeTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    // 2026-10-25: at 03:00 CEST the clocks go back to 02:00 CET, so 02:30 happens at 00:30Z and again at 01:30Z.
    private static final LocalDateTime TWICE = LocalDateTime.parse("2026-10-25T02:30:00.123456");
    private static final Instant FIRST = Instant.parse("2026-10-25T00:30:00.123Z");
    private static final Instant SECOND = Instant.parse("2026-10-25T01:30:00.123Z");

    @Test
    void aWallTimeThatHappensTwiceIsTheOneNearerThisNodesClock() {
        assertEquals(FIRST, JpaRefreshTokenStore.instant(TWICE, BERLIN, FIRST.plusSeconds(20)));
        assertEquals(SECOND, JpaRefreshTokenStore.instant(TWICE, BERLIN, SECOND.minusSeconds(20)));
        assertEquals(SECOND, JpaRefreshTokenStore.instant(Timestamp.valueOf(TWICE), BERLIN, SECOND.plusSeconds(1)),
                "a Timestamp is read as the wall time it shows, whichever offset the driver chose");
    }

    @Test
    void exactTypesAreTakenAsTheyAre() {
        Instant now = Instant.parse("2026-06-01T12:00:00.987654Z");
        assertEquals(Instant.parse("2026-06-01T12:00:00.987Z"), JpaRefreshTokenStore.instant(now, BERLIN, FIRST));
        assertEquals(Instant.parse("2026-06-01T12:00:00.987Z"),
                JpaRefreshTokenStore.instant(OffsetDateTime.ofInstant(now, ZoneOffset.ofHours(-7)), BERLIN, FIRST));
        assertEquals(Instant.parse("2026-06-01T10:00:00Z"), JpaRefreshTokenStore.instant(
                LocalDateTime.parse("2026-06-01T12:00:00"), BERLIN, Instant.parse("2026-06-01T10:00:05Z")));
    }
}
