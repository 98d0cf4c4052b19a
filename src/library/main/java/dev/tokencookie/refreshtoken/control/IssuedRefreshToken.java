package dev.tokencookie.refreshtoken.control;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * A refresh token value for the cookie, with the session it belongs to and how long the cookie may live.
 *
 * @param repeated whether this is the successor given before, to a token used again within the leeway
 * @param boundKey the thumbprint of the key the login is bound to, which its access tokens name too
 */
public record IssuedRefreshToken(String value, String sessionId, String username, Set<String> groups,
        Duration remainingLife, boolean repeated, Optional<String> boundKey) {

    /** A token of a bearer login issued now: at login, or by a rotation. */
    public IssuedRefreshToken(String value, String sessionId, String username, Set<String> groups,
            Duration remainingLife) {
        this(value, sessionId, username, groups, remainingLife, false, Optional.empty());
    }

    @Override
    public String toString() {
        // Never print the token value.
        return "IssuedRefreshToken[session=" + sessionId + ", user=" + username + ", remainingLife=" + remainingLife
                + ", repeated=" + repeated + ", bound=" + boundKey.isPresent() + "]";
    }
}
