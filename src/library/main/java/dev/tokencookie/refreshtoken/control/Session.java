package dev.tokencookie.refreshtoken.control;

import java.time.Instant;

/**
 * A live login of a user, as the sessions list shows it so people can recognise their devices.
 */
public record Session(String id, Instant createdAt, Instant lastUsedAt, String userAgent) {
}
