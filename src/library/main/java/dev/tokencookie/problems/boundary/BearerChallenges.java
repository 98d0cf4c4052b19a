package dev.tokencookie.problems.boundary;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;

/**
 * Builds the RFC 6750 {@code WWW-Authenticate} challenges and the 401 answers that carry them, from the bearer filter
 * and from JAX-RS alike, so that every refusal of a token names the realm the same way beside the same JSON body.
 */
public final class BearerChallenges {

    public static final String HEADER = "WWW-Authenticate";

    private BearerChallenges() {
    }

    /**
     * {@code Bearer realm="..."}, then the error code when there is one (RFC 6750 section 3.1), then its description
     * when there is one. The realm is checked at deployment to need no escaping; codes and descriptions are ours.
     */
    public static String challenge(String realm, String error, String description) {
        StringBuilder challenge = new StringBuilder("Bearer realm=\"").append(realm).append('"');
        if (error != null) {
            challenge.append(", error=\"").append(error).append('"');
            if (description != null) {
                challenge.append(", error_description=\"").append(description).append('"');
            }
        }
        return challenge.toString();
    }

    /** A 401 from JAX-RS: the challenge, and the JSON body with the error and its description. */
    public static Response.ResponseBuilder response(String challenge, String error, String description) {
        return JsonErrors.response(Response.Status.UNAUTHORIZED, error, description).header(HEADER, challenge);
    }

    /** A 401 from a servlet filter, before any JAX-RS runtime: the challenge, and the JSON body. */
    public static void write(HttpServletResponse response, String challenge, String error, String description)
            throws IOException {
        response.setHeader(HEADER, challenge);
        JsonErrors.write(response, HttpServletResponse.SC_UNAUTHORIZED, error, description);
    }
}
