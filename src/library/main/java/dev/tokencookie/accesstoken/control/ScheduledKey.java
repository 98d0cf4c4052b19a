package dev.tokencookie.accesstoken.control;

import java.time.Instant;

/**
 * A stored key with its place in the rotation: its generation (one per rotation, unique across nodes), when it was
 * published and from when it signs.
 */
public record ScheduledKey(SigningKey key, long generation, Instant publishedAt, Instant activatesAt) {
}
