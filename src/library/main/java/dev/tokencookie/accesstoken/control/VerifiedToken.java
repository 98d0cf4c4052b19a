package dev.tokencookie.accesstoken.control;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a verified access token says about its caller; it exists only after the signature and every claim were checked.
 *
 * @param claims every claim of the token, as parsed JSON (strings, numbers, booleans, lists and maps), read-only at
 *     every depth: a cached token is shared by the requests that send it
 */
public record VerifiedToken(String name, String subject, Set<String> groups, String tokenId, Instant expiresAt,
        Map<String, Object> claims) {

    public VerifiedToken {
        groups = Set.copyOf(groups);
        claims = readOnly(claims);
    }

    private static Map<String, Object> readOnly(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), readOnlyValue(value)));
        return Collections.unmodifiableMap(copy);
    }

    private static Object readOnlyValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return readOnly(map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(element -> copy.add(readOnlyValue(element)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    /** The thumbprint of the key this token is bound to ({@code cnf.jkt}), if it is bound. */
    public Optional<String> boundKey() {
        return claims.get(AccessTokenIssuer.CONFIRMATION) instanceof Map<?, ?> confirmation
                ? Optional.ofNullable((String) confirmation.get(AccessTokenIssuer.KEY_THUMBPRINT)) : Optional.empty();
    }

    /** The login this token was issued for (the {@code sid} claim), if it names one. */
    public Optional<String> sessionId() {
        return Optional.ofNullable((String) claims.get(AccessTokenIssuer.SESSION_ID));
    }
}
