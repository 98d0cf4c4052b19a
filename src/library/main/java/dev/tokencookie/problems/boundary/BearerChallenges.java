package dev.tokencookie.problems.boundary;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;

/**
 * Builds the RFC 6750 {@code WWW-Authenticate} challenges (and RFC 9449's DPoP ones) and the 401 answers that carry
 * them, from the bearer filter and from JAX-RS alike, so that every refusal of a token names the realm the same way
 * beside the same JSON body.
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
        return challenge(new StringBuilder("Bearer realm=\"").append(realm).append('"'), error, description);
    }

    /**
     * {@code DPoP realm="...", algs="..."} (RFC 9449 section 7.1), then the error code and its description as for
     * {@link #challenge}: the algorithms tell a client which keys the server takes proofs of.
     */
    public static String dpopChallenge(String realm, String algorithms, String error, String description) {
        return challenge(new StringBuilder("DPoP realm=\"").append(realm).append("\", algs=\"").append(algorithms)
                .append('"'), error, description);
    }

    private static String challenge(StringBuilder challenge, String error, String description) {
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
        return response(List.of(challenge), error, description);
    }

    /** A 401 from JAX-RS with one header per challenge: a server that takes two schemes offers both. */
    public static Response.ResponseBuilder response(List<String> challenges, String error, String description) {
        Response.ResponseBuilder response = JsonErrors.response(Response.Status.UNAUTHORIZED, error, description);
        challenges.forEach(challenge -> response.header(HEADER, challenge));
        return response;
    }

    /** A 401 from a servlet filter, before any JAX-RS runtime: the challenges, and the JSON body. */
    public static void write(HttpServletResponse response, List<String> challenges, String error, String description)
            throws IOException {
        setChallenges(response, challenges);
        JsonErrors.write(response, HttpServletResponse.SC_UNAUTHORIZED, error, description);
    }

    /** The challenges, replacing any the response had: one header each. */
    public static void setChallenges(HttpServletResponse response, List<String> challenges) {
        response.setHeader(HEADER, challenges.get(0));
        challenges.stream().skip(1).forEach(challenge -> response.addHeader(HEADER, challenge));
    }
}
