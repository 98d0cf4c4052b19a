package dev.tokencookie.refreshtoken.control;

/**
 * The CDI event of a stolen refresh token (a consumed one presented again after the leeway), for alerting; it never
 * carries a token value.
 */
public record RefreshTokenReuse(String username, String sessionId, String clientAddress) {
}
