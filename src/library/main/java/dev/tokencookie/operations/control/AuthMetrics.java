package dev.tokencookie.operations.control;

import dev.tokencookie.operations.control.SecurityEvent.Kind;
import dev.tokencookie.operations.control.SecurityEvent.Outcome;
import dev.tokencookie.settings.control.AuthSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * What the module is doing, in counters, timers and gauges that a Prometheus server scrapes: one registry per
 * deployment, kept by Micrometer, which writes the exposition format (no server's metrics API is common to Payara and
 * WildFly; docs/operations.md).
 *
 * <p>Every counter with every label exists from the start, at zero, so that rates and alerts work before the first
 * event. The Prometheus names get their {@code _total} and unit suffixes from the registry.
 */
@ApplicationScoped
public class AuthMetrics {

    private static final List<Outcome> LOGIN_OUTCOMES = List.of(Outcome.SUCCESS, Outcome.INVALID_CREDENTIALS,
            Outcome.THROTTLED, Outcome.CROSS_SITE, Outcome.UNAVAILABLE, Outcome.INVALID_PROOF);
    private static final List<Outcome> REFRESH_OUTCOMES = List.of(Outcome.ROTATED, Outcome.REPEATED,
            Outcome.REUSE_DETECTED, Outcome.REFUSED, Outcome.CROSS_SITE, Outcome.UNAVAILABLE, Outcome.INVALID_PROOF);
    private static final List<Outcome> LOGOUT_OUTCOMES = List.of(Outcome.SUCCESS, Outcome.REUSE_DETECTED,
            Outcome.CROSS_SITE, Outcome.UNAVAILABLE);

    @Inject
    AuthSettings settings;

    /** Off, every count is skipped: what the load benchmark compares with, and a team's way out. */
    private boolean enabled = true;
    private PrometheusMeterRegistry registry;
    private final Map<Outcome, Counter> logins = new EnumMap<>(Outcome.class);
    private final Map<Outcome, Counter> refreshes = new EnumMap<>(Outcome.class);
    private final Map<Outcome, Counter> logouts = new EnumMap<>(Outcome.class);
    private final Map<TokenRefusal, Counter> refusals = new EnumMap<>(TokenRefusal.class);
    private Counter revokedByUser;
    private Counter revokedForReuse;
    private Counter keysRotated;
    private Counter keysPulled;
    private Counter cacheHits;
    private Counter cacheMisses;
    private Timer loginTime;
    private Timer refreshTime;

    /** Metrics that nobody scrapes, for the module's classes outside a container (benchmarks, tools, tests). */
    public static AuthMetrics unscraped() {
        AuthMetrics metrics = new AuthMetrics();
        metrics.register();
        return metrics;
    }

    @PostConstruct
    void register() {
        enabled = settings == null || settings.metrics().enabled();
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        outcomes(logins, "auth.logins", "Logins by outcome", LOGIN_OUTCOMES);
        outcomes(refreshes, "auth.refreshes", "Refresh-token exchanges by outcome", REFRESH_OUTCOMES);
        outcomes(logouts, "auth.logouts", "Logouts by outcome", LOGOUT_OUTCOMES);
        revokedByUser = revoked("user");
        revokedForReuse = revoked("reuse");
        for (TokenRefusal reason : TokenRefusal.values()) {
            refusals.put(reason, Counter.builder("auth.access.tokens.refused")
                    .description("Requests refused for their access token, by reason")
                    .tag("reason", reason.label()).register(registry));
        }
        cacheHits = cacheLookups("hit");
        cacheMisses = cacheLookups("miss");
        keysRotated = Counter.builder("auth.signing.keys.rotated")
                .description("Signing keys this node added to the key ring").register(registry);
        keysPulled = Counter.builder("auth.signing.keys.pulled")
                .description("Signing keys this node took out of the JWK Set, their tokens all expired")
                .register(registry);
        loginTime = Timer.builder("auth.login").description("Time to answer a login, whatever the outcome")
                .register(registry);
        refreshTime = Timer.builder("auth.refresh").description("Time to answer a refresh, whatever the outcome")
                .register(registry);
    }

    private void outcomes(Map<Outcome, Counter> counters, String name, String description, List<Outcome> outcomes) {
        for (Outcome outcome : outcomes) {
            counters.put(outcome, Counter.builder(name).description(description).tag("outcome", outcome.label())
                    .register(registry));
        }
    }

    private Counter revoked(String cause) {
        return Counter.builder("auth.sessions.revoked")
                .description("Logins ended by their user through the sessions API, or for refresh-token reuse")
                .tag("cause", cause).register(registry);
    }

    private Counter cacheLookups(String result) {
        return Counter.builder("auth.verified.token.cache.lookups")
                .description("Access tokens looked up in the verified-token cache, by result")
                .tag("result", result).register(registry);
    }

    /** Counts an audited event; an outcome that a kind does not have is not counted. */
    public void count(SecurityEvent event) {
        if (!enabled) {
            return;
        }
        Counter counter = switch (event.kind()) {
            case LOGIN -> logins.get(event.outcome());
            case REFRESH -> refreshes.get(event.outcome());
            case LOGOUT -> logouts.get(event.outcome());
            case SESSION_REVOKED -> revokedByUser;
            case KEY_ROTATED -> keysRotated;
            case KEY_PULLED -> keysPulled;
        };
        if (counter != null) {
            counter.increment();
        }
        if (event.outcome() == Outcome.REUSE_DETECTED && event.kind() != Kind.SESSION_REVOKED) {
            revokedForReuse.increment();
        }
    }

    public void accessTokenRefused(TokenRefusal reason) {
        if (enabled) {
            refusals.get(reason).increment();
        }
    }

    public void verifiedTokenCache(boolean hit) {
        if (enabled) {
            (hit ? cacheHits : cacheMisses).increment();
        }
    }

    public void loginTook(Duration time) {
        if (enabled) {
            loginTime.record(time);
        }
    }

    public void refreshTook(Duration time) {
        if (enabled) {
            refreshTime.record(time);
        }
    }

    /**
     * A value read when scraped, from an object the caller keeps alive (the registry holds it weakly).
     *
     * @param baseUnit the unit the name ends in ({@code seconds}), or null for a count
     */
    public <T> void gauge(String name, String description, String baseUnit, T source, ToDoubleFunction<T> value) {
        Gauge.builder(name, source, value).description(description).baseUnit(baseUnit).register(registry);
    }

    /** Every metric in the Prometheus text format, version 0.0.4. */
    public String scrape() {
        return registry.scrape();
    }
}
