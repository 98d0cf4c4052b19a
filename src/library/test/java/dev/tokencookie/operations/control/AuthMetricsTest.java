package dev.tokencookie.operations.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokencookie.operations.control.SecurityEvent.Kind;
import dev.tokencookie.operations.control.SecurityEvent.Outcome;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The names a Prometheus server and the docs' alerts rely on, in the exposition format, counted as events say. */
class AuthMetricsTest {

    private final AuthMetrics metrics = AuthMetrics.unscraped();

    /** Sample name with labels to value, from the text format. */
    private Map<String, Double> samples() {
        Map<String, Double> samples = new TreeMap<>();
        Arrays.stream(metrics.scrape().split("\n")).filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(l -> {
            int space = l.lastIndexOf(' ');
            samples.put(l.substring(0, space), Double.parseDouble(l.substring(space + 1)));
        });
        return samples;
    }

    private static SecurityEvent event(Kind kind, Outcome outcome) {
        return SecurityEvent.of(kind, outcome, "u", "s", "192.0.2.1", "agent");
    }

    @Test
    void everyCounterIsThereAtZeroBeforeAnyEvent() {
        Map<String, Double> samples = samples();

        for (String outcome : new String[] {"success", "invalid_credentials", "throttled", "cross_site",
            "unavailable", "invalid_proof"}) {
            assertEquals(0.0, samples.get("auth_logins_total{outcome=\"" + outcome + "\"}"), outcome);
        }
        for (String outcome : new String[] {"rotated", "repeated", "reuse_detected", "refused", "cross_site",
            "unavailable", "invalid_proof"}) {
            assertEquals(0.0, samples.get("auth_refreshes_total{outcome=\"" + outcome + "\"}"), outcome);
        }
        for (String reason : new String[] {"missing", "expired", "session_ended", "invalid", "invalid_proof"}) {
            assertEquals(0.0, samples.get("auth_access_tokens_refused_total{reason=\"" + reason + "\"}"), reason);
        }
        assertEquals(0.0, samples.get("auth_logouts_total{outcome=\"success\"}"));
        assertEquals(0.0, samples.get("auth_sessions_revoked_total{cause=\"user\"}"));
        assertEquals(0.0, samples.get("auth_sessions_revoked_total{cause=\"reuse\"}"));
        assertEquals(0.0, samples.get("auth_verified_token_cache_lookups_total{result=\"hit\"}"));
        assertEquals(0.0, samples.get("auth_verified_token_cache_lookups_total{result=\"miss\"}"));
        assertEquals(0.0, samples.get("auth_signing_keys_rotated_total"));
        assertEquals(0.0, samples.get("auth_signing_keys_pulled_total"));
        assertEquals(0.0, samples.get("auth_login_seconds_count"));
        assertEquals(0.0, samples.get("auth_refresh_seconds_count"));
    }

    @Test
    void eventsCountUnderTheirOutcome() {
        metrics.count(event(Kind.LOGIN, Outcome.SUCCESS));
        metrics.count(event(Kind.LOGIN, Outcome.INVALID_CREDENTIALS));
        metrics.count(event(Kind.LOGIN, Outcome.INVALID_CREDENTIALS));
        metrics.count(event(Kind.REFRESH, Outcome.REUSE_DETECTED));
        metrics.count(event(Kind.LOGOUT, Outcome.REUSE_DETECTED));
        metrics.count(event(Kind.SESSION_REVOKED, Outcome.SUCCESS));
        metrics.count(event(Kind.KEY_ROTATED, Outcome.SUCCESS));
        metrics.accessTokenRefused(TokenRefusal.EXPIRED);
        metrics.verifiedTokenCache(true);
        metrics.verifiedTokenCache(true);
        metrics.verifiedTokenCache(false);
        metrics.loginTook(Duration.ofMillis(250));

        Map<String, Double> samples = samples();

        assertEquals(1.0, samples.get("auth_logins_total{outcome=\"success\"}"));
        assertEquals(2.0, samples.get("auth_logins_total{outcome=\"invalid_credentials\"}"));
        assertEquals(1.0, samples.get("auth_refreshes_total{outcome=\"reuse_detected\"}"));
        assertEquals(1.0, samples.get("auth_logouts_total{outcome=\"reuse_detected\"}"));
        assertEquals(2.0, samples.get("auth_sessions_revoked_total{cause=\"reuse\"}"));
        assertEquals(1.0, samples.get("auth_sessions_revoked_total{cause=\"user\"}"));
        assertEquals(1.0, samples.get("auth_signing_keys_rotated_total"));
        assertEquals(1.0, samples.get("auth_access_tokens_refused_total{reason=\"expired\"}"));
        assertEquals(2.0, samples.get("auth_verified_token_cache_lookups_total{result=\"hit\"}"));
        assertEquals(1.0, samples.get("auth_verified_token_cache_lookups_total{result=\"miss\"}"));
        assertEquals(1.0, samples.get("auth_login_seconds_count"));
        assertEquals(0.25, samples.get("auth_login_seconds_sum"), 1e-9);
    }

    @Test
    void gaugesAreReadWhenScrapedInTheirBaseUnit() {
        AtomicInteger held = new AtomicInteger(3);
        metrics.gauge("auth.revoked.sessions", "held", null, held, AtomicInteger::get);
        metrics.gauge("auth.revocation.poll.age", "age", "seconds", held, h -> 1.5);

        held.set(4);
        Map<String, Double> samples = samples();

        assertEquals(4.0, samples.get("auth_revoked_sessions"));
        assertEquals(1.5, samples.get("auth_revocation_poll_age_seconds"));
        assertTrue(metrics.scrape().contains("# TYPE auth_logins_total counter"), metrics.scrape());
    }
}
