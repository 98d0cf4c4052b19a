package dev.tokencookie.monitoring.boundary;

import dev.tokencookie.accesstoken.boundary.OpenEndpoint;
import dev.tokencookie.endpoints.boundary.ModuleEndpoint;
import dev.tokencookie.operations.control.AuthMetrics;
import dev.tokencookie.problems.boundary.BearerChallenges;
import dev.tokencookie.problems.boundary.JsonErrors;
import dev.tokencookie.settings.control.AuthSettings;
import dev.tokencookie.settings.control.ScrapeToken;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * Serves the module's metrics to a Prometheus scraper that sends the secret of {@code auth.metrics.token} as a bearer
 * credential; without that secret configured the endpoint does not exist (404), as failed-login counts are not for
 * everybody to read.
 */
@ModuleEndpoint
@Path(ModuleEndpoint.ROOT + "/metrics")
@RequestScoped
public class MetricsResource {

    /** The Prometheus text exposition format, which every Prometheus version reads. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    /** The realm of the scraper's challenge: not the access tokens' realm, as an access token does not open it. */
    static final String REALM = "metrics";

    private static final String BEARER = "Bearer ";

    @Inject
    AuthSettings settings;

    @Inject
    AuthMetrics metrics;

    @GET
    @OpenEndpoint
    public Response scrape(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Optional<ScrapeToken> secret = settings.metrics().token();
        if (secret.isEmpty() || !settings.metrics().enabled()) {
            return JsonErrors.response(Response.Status.NOT_FOUND, "not_found", "Metrics are off: no "
                    + "auth.metrics.token is set, or auth.metrics.enabled is false").build();
        }
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return BearerChallenges.response(BearerChallenges.challenge(REALM, null, null), "unauthorized",
                    "The scraper's secret is required").build();
        }
        if (!secret.get().matches(authorization.substring(BEARER.length()).strip())) {
            return BearerChallenges.response(BearerChallenges.challenge(REALM, "invalid_token",
                    "The scraper's secret is wrong"), "invalid_token", "The scraper's secret is wrong").build();
        }
        return Response.ok(metrics.scrape(), PROMETHEUS_TEXT).header("Cache-Control", "no-store").build();
    }
}
