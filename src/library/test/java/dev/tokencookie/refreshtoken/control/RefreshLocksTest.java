package dev.tokencookie.refreshtoken.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The per-node refresh queue: one cookie's refreshes run one at a time, and a slow one never holds up another cookie's.
 */
class RefreshLocksTest {

    private static final IssuedRefreshToken DONE = new IssuedRefreshToken("x", "f", "u", Set.of(), Duration.ZERO);
    // Two cookies with one String.hashCode ("Aa" and "BB" hash alike): on shared lock stripes they would share one.
    private static final String SLOW = "Aa" + "x".repeat(41);
    private static final String OTHER = "BB" + "x".repeat(41);

    private final RefreshLocks locks = new RefreshLocks();
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void aSlowSessionDoesNotHoldUpAnother() throws Exception {
        assertEquals(SLOW.hashCode(), OTHER.hashCode());
        CountDownLatch slowRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<IssuedRefreshToken> slow = pool.submit(() -> locks.oneAtATime(SLOW, () -> {
            slowRunning.countDown();
            await(release);
            return DONE;
        }));
        assertTrue(slowRunning.await(5, TimeUnit.SECONDS));

        long start = System.nanoTime();
        Future<IssuedRefreshToken> other = pool.submit(() -> locks.oneAtATime(OTHER, () -> DONE));
        assertEquals(DONE, other.get(2, TimeUnit.SECONDS), "another cookie's refresh runs while the slow one waits");
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2));

        release.countDown();
        assertEquals(DONE, slow.get(5, TimeUnit.SECONDS));
        assertEquals(0, locks.queued(), "a queue leaves with its last request");
    }

    @Test
    void oneCookiesRefreshesRunOneAtATime() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        CompletableFuture<?>[] all = new CompletableFuture<?>[20];
        for (int i = 0; i < all.length; i++) {
            all[i] = CompletableFuture.runAsync(() -> {
                try {
                    start.await();
                    locks.oneAtATime(SLOW, () -> {
                        mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                        await(new CountDownLatch(1), 5);
                        running.decrementAndGet();
                        return DONE;
                    });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, pool);
        }
        start.countDown();
        CompletableFuture.allOf(all).get(30, TimeUnit.SECONDS);
        assertEquals(1, mostAtOnce.get());
        assertEquals(0, locks.queued());
    }

    @Test
    void aNodeRunsAtMostSoManyRefreshesAtOnceWhateverTheCookies() throws Exception {
        locks.running = new java.util.concurrent.Semaphore(2, true);
        CountDownLatch twoRunning = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        java.util.List<Future<IssuedRefreshToken>> all = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String cookie = "cookie-" + i + "x".repeat(35);
            all.add(pool.submit(() -> locks.oneAtATime(cookie, () -> {
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                twoRunning.countDown();
                await(release);
                running.decrementAndGet();
                return DONE;
            })));
        }
        assertTrue(twoRunning.await(5, TimeUnit.SECONDS));
        await(new CountDownLatch(1), 300);
        assertEquals(2, mostAtOnce.get(), "the others wait for a place");
        release.countDown();
        for (Future<IssuedRefreshToken> refresh : all) {
            assertEquals(DONE, refresh.get(5, TimeUnit.SECONDS));
        }
        assertEquals(2, mostAtOnce.get());
        assertEquals(0, locks.queued());
    }

    @Test
    void aRefusedRefreshLeavesTheQueueToo() {
        try {
            locks.oneAtATime(SLOW, () -> {
                throw new RefreshTokenRejectedException(RefreshTokenRejectedException.Reason.UNKNOWN);
            });
        } catch (RefreshTokenRejectedException expected) {
            assertEquals(0, locks.queued());
            return;
        }
        throw new AssertionError("the refusal was not passed on");
    }

    private static void await(CountDownLatch latch) {
        await(latch, 30_000);
    }

    private static void await(CountDownLatch latch, long millis) {
        try {
            latch.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
