package dev.tokencookie.accesstoken.boundary;

import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the access token out of the Authorization header (RFC 6750 section 2.1, or RFC 9449 section 7.1 for the DPoP
 * scheme) before any cryptography is spent on it.
 *
 * @param dpop whether the token came under the DPoP scheme, which says it is bound and comes with a proof
 */
record BearerCredentials(Outcome outcome, String token, boolean dpop) {

    /**
     * Longer tokens are refused before parsing; ours are well under 2 KB. (The container refuses whole header blocks
     * over its own limit, 8 KB on Payara, with a 400 before any filter runs.)
     */
    static final int MAX_TOKEN_LENGTH = 4096;

    private static final String SCHEME = "bearer ";
    private static final String DPOP_SCHEME = "dpop ";
    // A JWS in compact serialization, and nothing else: three unpadded base64url parts. Padding, '+' or '/', spaces,
    // a fourth or fifth part (a JWE) are refused here, before any parser could be lenient about them.
    private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    enum Outcome { ABSENT, MALFORMED, PRESENT }

    static BearerCredentials from(Enumeration<String> authorizationHeaders) {
        List<String> headers = authorizationHeaders == null ? List.of() : Collections.list(authorizationHeaders);
        if (headers.isEmpty()) {
            return new BearerCredentials(Outcome.ABSENT, null, false);
        }
        if (headers.size() > 1) {
            return malformed();
        }
        String header = headers.get(0);
        boolean dpop = header.regionMatches(true, 0, DPOP_SCHEME, 0, DPOP_SCHEME.length());
        String scheme = dpop ? DPOP_SCHEME : SCHEME;
        if (header.length() > scheme.length() + MAX_TOKEN_LENGTH
                || !header.regionMatches(true, 0, scheme, 0, scheme.length())) {
            // Another scheme (Basic, say) is no credential this API accepts.
            return malformed();
        }
        String token = header.substring(scheme.length()).strip();
        return COMPACT_JWS.matcher(token).matches() ? new BearerCredentials(Outcome.PRESENT, token, dpop)
                : malformed();
    }

    private static BearerCredentials malformed() {
        return new BearerCredentials(Outcome.MALFORMED, null, false);
    }

    @Override
    public String toString() {
        return "BearerCredentials[" + outcome + (dpop ? ", DPoP" : "") + "]";
    }
}
