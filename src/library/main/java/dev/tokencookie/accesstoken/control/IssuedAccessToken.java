package dev.tokencookie.accesstoken.control;

import java.time.Duration;

/**
 * A freshly signed access token, how long it lives and whether it is bound to a key, which is what the login and
 * refresh responses carry.
 */
public record IssuedAccessToken(String token, Duration lifetime, boolean bound) {

    /** The token_type of the response (RFC 9449 section 5): DPoP for a bound token. */
    public String type() {
        return bound ? "DPoP" : "Bearer";
    }

    @Override
    public String toString() {
        return "IssuedAccessToken[lifetime=" + lifetime + ", bound=" + bound + "]";
    }
}
