package dev.tokencookie.refreshtoken.control;

import java.util.List;

/**
 * Fired by whatever revokes sessions, so that this node refuses their access tokens as soon as the revocation commits,
 * whoever called the revoking method.
 */
public record SessionsRevoked(List<String> sessionIds) {

    public SessionsRevoked {
        sessionIds = List.copyOf(sessionIds);
    }
}
