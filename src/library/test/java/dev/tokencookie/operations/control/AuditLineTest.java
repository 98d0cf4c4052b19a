package dev.tokencookie.operations.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokencookie.operations.control.SecurityEvent.Kind;
import dev.tokencookie.operations.control.SecurityEvent.Outcome;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditLineTest {

    private static final Instant AT = Instant.parse("2026-12-03T09:15:30.125Z");

    @Test
    void writesEveryFieldInItsPlace() {
        SecurityEvent event = new SecurityEvent(AT, Kind.LOGIN, Outcome.SUCCESS, "alice", "5f0c-11",
                "192.0.2.7", "Mozilla/5.0 (X11)", null);

        assertEquals("time=2026-12-03T09:15:30.125Z event=login outcome=success user=\"alice\" session=5f0c-11"
                + " client=192.0.2.7 agent=\"Mozilla/5.0 (X11)\" detail=-", AuditLine.of(event));
    }

    @Test
    void unknownValuesAreADash() {
        SecurityEvent event = new SecurityEvent(AT, Kind.KEY_ROTATED, Outcome.SUCCESS, null, null, null, null,
                "k-2");

        assertEquals("time=2026-12-03T09:15:30.125Z event=key_rotated outcome=success user=- session=- client=-"
                + " agent=- detail=\"k-2\"", AuditLine.of(event));
    }

    @Test
    void aClientCannotBreakTheLineOrForgeAField() {
        String forged = "bob\" outcome=success\nTIME=2026 event=login\r\u2028\u0085\\";
        SecurityEvent event = new SecurityEvent(AT, Kind.LOGIN, Outcome.INVALID_CREDENTIALS, forged, "x y",
                "1.2.3.4 outcome=success", forged, null);

        String line = AuditLine.of(event);

        assertFalse(line.contains("\n") || line.contains("\r") || line.contains("\u2028") || line.contains("\u0085"),
                line);
        String unquoted = line.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "Q");
        assertEquals("time=2026-12-03T09:15:30.125Z event=login outcome=invalid_credentials user=Q session=x?y"
                + " client=1.2.3.4?outcome?success agent=Q detail=-", unquoted);
        assertTrue(line.contains("user=\"bob\\\" outcome=success\\u000aTIME=2026 event=login\\u000d\\u2028"
                + "\\u0085\\\\\""), line);
        assertTrue(line.contains(" session=x?y client=1.2.3.4?outcome?success "), line);
    }

    @Test
    void textThatTurnsAroundOrHidesIsEscaped() {
        SecurityEvent event = new SecurityEvent(AT, Kind.LOGIN, Outcome.SUCCESS, "admin\u202Enimda\u200B\u2066x\uFEFF",
                null, null, null, null);

        assertTrue(AuditLine.of(event).contains("user=\"admin\\u202enimda\\u200b\\u2066x\\ufeff\""),
                AuditLine.of(event));
    }

    @Test
    void longValuesAreCut() {
        String agent = "A".repeat(1000);
        SecurityEvent event = new SecurityEvent(AT, Kind.REFRESH, Outcome.ROTATED, "u", "s", "c", agent, null);

        String line = AuditLine.of(event);

        assertTrue(line.contains(" agent=\"" + "A".repeat(AuditLine.MAX_VALUE) + "...\" "), line);
    }

    @Test
    void keepsWholeCharactersAndEscapesLoneHalves() {
        SecurityEvent event = new SecurityEvent(AT, Kind.LOGIN, Outcome.SUCCESS, "j\u00fcrgen \ud83d\ude00 \ud83d",
                null, null, null, null);

        assertTrue(AuditLine.of(event).contains("user=\"j\u00fcrgen \ud83d\ude00 \\ud83d\""), AuditLine.of(event));
    }
}
