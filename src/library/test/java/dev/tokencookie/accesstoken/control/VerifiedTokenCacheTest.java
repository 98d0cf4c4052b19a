package dev.tokencookie.accesstoken.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The cache's bound and order, without the verifier around it.
 */
class VerifiedTokenCacheTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    private static VerifiedTokenCache.Entry entry(String id, Instant expiresAt) {
        return new VerifiedTokenCache.Entry(new VerifiedToken("ben", "ben", Set.of("user"), id, expiresAt,
                Map.of("jti", id)), "kid", null, expiresAt);
    }

    @Test
    void aStreamOfDistinctTokensNeverHoldsMoreThanTheBound() throws Exception {
        VerifiedTokenCache cache = new VerifiedTokenCache(1_000);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                int offset = thread;
                writers.add(threads.submit(() -> {
                    for (int i = 0; i < 50_000; i++) {
                        String id = offset + "-" + i;
                        cache.put("token-" + id, entry(id, NOW.plusSeconds(300)), NOW);
                        // Each writer may hold one entry over while it adds it and one while it evicts another, and
                        // the map's size is a snapshot taken while the others write: two per writer, never more.
                        int size = cache.size();
                        assertTrue(size <= 1_000 + 2 * 4, "size " + size);
                    }
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
        } finally {
            threads.shutdown();
        }
        assertEquals(1_000, cache.size());
        assertEquals(1_000, cache.tracked(), "the eviction order holds no more keys than the map");
    }

    @Test
    void theOldestGoFirstAndAHitIsTheStoredResult() {
        VerifiedTokenCache cache = new VerifiedTokenCache(2);
        VerifiedTokenCache.Entry first = entry("1", NOW.plusSeconds(300));
        cache.put("a", first, NOW);
        cache.put("b", entry("2", NOW.plusSeconds(300)), NOW);
        assertSame(first, cache.get("a", NOW));

        cache.put("c", entry("3", NOW.plusSeconds(300)), NOW);

        assertNull(cache.get("a", NOW));
        assertNotNull(cache.get("b", NOW));
        assertNotNull(cache.get("c", NOW));
    }

    @Test
    void expiredEntriesLeaveAsNewOnesArriveEvenBelowTheBound() {
        VerifiedTokenCache cache = new VerifiedTokenCache(100);
        for (int i = 0; i < 10; i++) {
            cache.put("old-" + i, entry("old-" + i, NOW.plusSeconds(60)), NOW);
        }
        Instant later = NOW.plusSeconds(61);
        for (int i = 0; i < 3; i++) {
            cache.put("new-" + i, entry("new-" + i, later.plusSeconds(300)), later);
        }
        // Up to four expired heads go with each addition: all ten are gone after three.
        assertEquals(3, cache.size());
        assertEquals(3, cache.tracked());
        assertNull(cache.get("old-9", later));
    }

    @Test
    void anEntryIsNeverReturnedFromItsAcceptUntilOnAndIsDroppedWhenMet() {
        VerifiedTokenCache cache = new VerifiedTokenCache(10);
        cache.put("a", entry("1", NOW.plusSeconds(60)), NOW);
        assertNotNull(cache.get("a", NOW.plusSeconds(59)));
        assertNull(cache.get("a", NOW.plusSeconds(60)));
        assertEquals(0, cache.size());
    }

    @Test
    void aTokenAddedTwiceIsOneEntry() {
        VerifiedTokenCache cache = new VerifiedTokenCache(10);
        cache.put("a", entry("1", NOW.plusSeconds(300)), NOW);
        cache.put("a", entry("1", NOW.plusSeconds(300)), NOW);
        assertEquals(1, cache.size());
        assertEquals(1, cache.tracked());
    }
}
