package dev.tokencookie.accesstoken.control;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Remembers which access tokens were verified, so that a page's many requests with one token pay for one signature
 * check; the caller still applies the clock and the key ring to every hit.
 *
 * <p>Keyed by the token's SHA-256, so the tokens themselves are not kept in memory. At most {@code maxEntries} entries:
 * the oldest go first, and expired ones at the head go whenever an entry is added.
 */
final class VerifiedTokenCache {

    /** A verification result and the key that checked it. */
    record Entry(VerifiedToken token, String keyId) {
    }

    private final int maxEntries;
    private final MessageDigest sha256;
    private final ConcurrentHashMap<ByteBuffer, Entry> entries = new ConcurrentHashMap<>();
    // Insertion order for eviction; its length, not the map's size, is what is bounded, so it cannot outgrow the map.
    private final Queue<ByteBuffer> order = new ConcurrentLinkedQueue<>();
    private final AtomicInteger orderLength = new AtomicInteger();

    VerifiedTokenCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.maxEntries = maxEntries;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    Entry get(String token) {
        return entries.get(key(token));
    }

    void put(String token, VerifiedToken verified, String keyId, Instant now) {
        ByteBuffer key = key(token);
        if (entries.putIfAbsent(key, new Entry(verified, keyId)) != null) {
            return;
        }
        order.add(key);
        orderLength.incrementAndGet();
        dropExpiredHead(now);
        while (orderLength.get() > maxEntries) {
            ByteBuffer oldest = order.poll();
            if (oldest == null) {
                break;
            }
            orderLength.decrementAndGet();
            entries.remove(oldest);
        }
    }

    /** Tokens are added roughly in order of expiry, so the expired ones gather at the head. */
    private void dropExpiredHead(Instant now) {
        for (int i = 0; i < 4; i++) {
            ByteBuffer head = order.peek();
            Entry entry = head == null ? null : entries.get(head);
            if (entry != null && entry.token().expiresAt().isAfter(now)) {
                return;
            }
            if (head != null && order.remove(head)) {
                orderLength.decrementAndGet();
                entries.remove(head);
            }
        }
    }

    int size() {
        return entries.size();
    }

    int tracked() {
        return orderLength.get();
    }

    private ByteBuffer key(String token) {
        MessageDigest digest;
        try {
            // A clone is far cheaper than a provider look-up, and MessageDigest is not thread-safe.
            digest = (MessageDigest) sha256.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("The platform's SHA-256 cannot be cloned", e);
        }
        // UTF-8 maps distinct strings to distinct bytes (US-ASCII would turn every other character into the same "?").
        return ByteBuffer.wrap(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
    }
}
