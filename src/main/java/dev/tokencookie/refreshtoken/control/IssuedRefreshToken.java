package dev.tokencookie.refreshtoken.control;

import java.time.Instant;
import java.util.Set;

/**
 * A new refresh token value for the cookie, with the caller it stands for and the instant the cookie must expire.
 */
public record IssuedRefreshToken(String value, String username, Set<String> groups, Instant expiresAt) {

    @Override
    public String toString() {
        // Never print the token value.
        return "IssuedRefreshToken[user=" + username + ", expiresAt=" + expiresAt + "]";
    }
}
