package dev.tokencookie.accesstoken.control;

import dev.tokencookie.shared.control.Sha256;
import java.nio.ByteBuffer;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Remembers which access tokens were verified, so that a page's many requests with one token pay for one signature
 * check; the caller still applies the key ring to every hit.
 *
 * <p>Keyed by the token's SHA-256, so the tokens themselves are not kept. At most {@code maxEntries} entries: the
 * oldest go first; an entry past its {@code acceptUntil} is never returned, and is dropped when met.
 */
final class VerifiedTokenCache {

    /**
     * A verification result, the key that checked it, and the instant from which the full check would refuse the
     * token on time alone (exp or the age of iat, with the skew).
     */
    record Entry(VerifiedToken token, String keyId, PublicKey key, Instant acceptUntil) {
    }

    private final int maxEntries;
    private final ConcurrentHashMap<ByteBuffer, Entry> entries = new ConcurrentHashMap<>();
    // Insertion order for eviction. Its length, not the map's size, is what is bounded, so that keys of entries
    // dropped early cannot make it outgrow the map.
    private final Queue<ByteBuffer> order = new ConcurrentLinkedQueue<>();
    private final AtomicInteger orderLength = new AtomicInteger();

    VerifiedTokenCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.maxEntries = maxEntries;
    }

    /** The entry for this token while it is still acceptable on time; an outdated one is dropped. */
    Entry get(String token, Instant now) {
        ByteBuffer key = key(token);
        Entry entry = entries.get(key);
        if (entry != null && !now.isBefore(entry.acceptUntil())) {
            entries.remove(key, entry);
            return null;
        }
        return entry;
    }

    void put(String token, Entry entry, Instant now) {
        ByteBuffer key = key(token);
        if (entries.putIfAbsent(key, entry) != null) {
            return;
        }
        order.add(key);
        orderLength.incrementAndGet();
        dropOutdatedHead(now);
        int length;
        while ((length = orderLength.get()) > maxEntries) {
            // Reserve the eviction first, so two threads over the bound by one evict one entry, not two.
            if (orderLength.compareAndSet(length, length - 1)) {
                evictOldest();
            }
        }
    }

    /** Tokens are added roughly in order of expiry, so the outdated ones gather at the head. */
    private void dropOutdatedHead(Instant now) {
        for (int i = 0; i < 4; i++) {
            ByteBuffer head = order.peek();
            Entry entry = head == null ? null : entries.get(head);
            if (head == null || (entry != null && now.isBefore(entry.acceptUntil()))) {
                return;
            }
            // Another thread may have taken the head meanwhile: then a live entry goes, which costs one re-check.
            int length = orderLength.get();
            if (length > 0 && orderLength.compareAndSet(length, length - 1)) {
                evictOldest();
            }
        }
    }

    private void evictOldest() {
        ByteBuffer oldest = order.poll();
        if (oldest != null) {
            entries.remove(oldest);
        }
    }

    int size() {
        return entries.size();
    }

    int tracked() {
        return orderLength.get();
    }

    private static ByteBuffer key(String token) {
        return ByteBuffer.wrap(Sha256.digest(token));
    }
}
