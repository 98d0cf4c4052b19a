package dev.tokencookie.refreshtoken.control;

import java.time.Instant;
import java.util.Set;

/**
 * A refresh token value for the cookie, with the session it belongs to and the instant the cookie must expire.
 */
public record IssuedRefreshToken(String value, String familyId, String username, Set<String> groups,
        Instant expiresAt) {

    @Override
    public String toString() {
        // Never print the token value.
        return "IssuedRefreshToken[family=" + familyId + ", user=" + username + ", expiresAt=" + expiresAt + "]";
    }
}
