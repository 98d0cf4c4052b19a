package dev.tokencookie.refreshtoken.control;

import java.time.Duration;
import java.util.Set;

/**
 * A refresh token value for the cookie, with the session it belongs to and how long the cookie may live.
 */
public record IssuedRefreshToken(String value, String sessionId, String username, Set<String> groups,
        Duration remainingLife) {

    @Override
    public String toString() {
        // Never print the token value.
        return "IssuedRefreshToken[session=" + sessionId + ", user=" + username + ", remainingLife=" + remainingLife
                + "]";
    }
}
