package dev.tokencookie.accesstoken.control;

import java.time.Duration;

/**
 * A freshly signed access token and how long it lives, which is what the login and refresh responses carry.
 */
public record IssuedAccessToken(String token, Duration lifetime) {

    @Override
    public String toString() {
        return "IssuedAccessToken[lifetime=" + lifetime + "]";
    }
}
