package dev.tokencookie.accesstoken.control;

import java.time.Instant;
import java.util.Set;

/**
 * What a verified access token says about its caller; it exists only after the signature and every claim were checked.
 */
public record VerifiedToken(String name, String subject, Set<String> groups, String tokenId, Instant expiresAt) {

    public VerifiedToken {
        groups = Set.copyOf(groups);
    }
}
