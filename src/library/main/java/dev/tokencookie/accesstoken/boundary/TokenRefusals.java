package dev.tokencookie.accesstoken.boundary;

import dev.tokencookie.accesstoken.control.DpopProofs;
import dev.tokencookie.problems.boundary.BearerChallenges;
import dev.tokencookie.problems.boundary.JsonErrors;
import dev.tokencookie.settings.control.AuthSettings;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The refusals that JAX-RS answers for the bearer scheme, so that they read as the filter's own: a request that
 * reached guarded code without an access token (a path the filter let through unverified that is no open endpoint, a
 * roles check, a resource that needs the caller), a token whose session a resource finds ended, and a caller in none
 * of the allowed groups. Each carries its RFC 6750 challenge beside the JSON body.
 */
public final class TokenRefusals {

    static final String TOKEN_REQUIRED = "A bearer access token is required";

    static final String SESSION_ENDED = "The session of this access token has ended";

    private TokenRefusals() {
    }

    /**
     * Without an error code, as RFC 6750 section 3.1 asks for a request that carried no credentials; for each scheme
     * the server takes.
     */
    static List<String> tokenRequiredChallenges(AuthSettings settings) {
        String bearer = BearerChallenges.challenge(settings.realm(), null, null);
        String dpop = BearerChallenges.dpopChallenge(settings.realm(), DpopProofs.algorithms(), null, null);
        return switch (settings.dpop().mode()) {
            case OFF -> List.of(bearer);
            case ALLOWED -> List.of(bearer, dpop);
            case REQUIRED -> List.of(dpop);
        };
    }

    /** 401 to a request without a token. */
    public static Response tokenRequired() {
        return BearerChallenges.response(tokenRequiredChallenges(settings()), "unauthorized", TOKEN_REQUIRED).build();
    }

    /** 401 {@code invalid_token} to a token whose session has ended, as the filter answers when it learns so first. */
    public static Response sessionEnded() {
        return BearerChallenges.response(BearerChallenges.challenge(realm(), "invalid_token", SESSION_ENDED),
                "invalid_token", SESSION_ENDED).build();
    }

    /** 403 {@code insufficient_scope} (RFC 6750 section 3.1) to a caller in none of the groups a resource allows. */
    public static Response notInAllowedGroup() {
        String description = "The caller is not in a group allowed here";
        return JsonErrors.response(Response.Status.FORBIDDEN, "insufficient_scope", description)
                .header(BearerChallenges.HEADER, BearerChallenges.challenge(realm(), "insufficient_scope", description))
                .build();
    }

    /**
     * The realm, from CDI: the JAX-RS providers that refuse are registered per application without injection (a WAR's
     * applications must not share their {@code @Context} proxies), and a refusal is rare enough to look it up.
     */
    private static String realm() {
        return settings().realm();
    }

    private static AuthSettings settings() {
        return CDI.current().select(AuthSettings.class).get();
    }
}
