package dev.tokencookie.accesstoken.control;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a verified access token says about its caller; it exists only after the signature and every claim were checked.
 *
 * @param claims every claim of the token, as parsed JSON (strings, numbers, booleans, lists and maps), read-only
 */
public record VerifiedToken(String name, String subject, Set<String> groups, String tokenId, Instant expiresAt,
        Map<String, Object> claims) {

    public VerifiedToken {
        groups = Set.copyOf(groups);
        claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
    }

    /** The login this token was issued for (the {@code sid} claim), if it names one. */
    public Optional<String> sessionId() {
        return Optional.ofNullable((String) claims.get(AccessTokenIssuer.SESSION_ID));
    }
}
