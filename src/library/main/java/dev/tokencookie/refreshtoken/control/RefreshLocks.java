package dev.tokencookie.refreshtoken.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Queues the refreshes of one cookie inside this node before they take a database connection, so that many tabs (or an
 * attacker with one cookie) wait here rather than each holding a pooled connection while waiting for the session's row.
 * Each cookie has a queue of its own, so a slow session never holds up another; and at most {@link #CONCURRENT}
 * refreshes of the node run at once, whatever the number of cookies, as the connection pool is shared.
 */
@ApplicationScoped
public class RefreshLocks {

    static final long WAIT_SECONDS = 10;
    static final int CONCURRENT = 64;

    /** Fair, so that no refresh waits for long while later ones run; set smaller by tests. */
    Semaphore running = new Semaphore(CONCURRENT, true);

    /** The queues of the cookies being refreshed now; a queue leaves with its last request. */
    private final Map<String, Queue> queues = new ConcurrentHashMap<>();

    /** A refresh to run under the lock of its cookie. */
    @FunctionalInterface
    public interface Refresh {
        IssuedRefreshToken run() throws RefreshTokenRejectedException;
    }

    /** Thrown when a cookie's queue, or the node's, is too long to wait for; the client should retry. */
    public static class BusyException extends RuntimeException {
        BusyException() {
            super("Too many refreshes of one session at once");
        }
    }

    /** Fair, so that the requests of one cookie run in the order they came. */
    private static final class Queue {
        final ReentrantLock lock = new ReentrantLock(true);
        /** Requests holding or waiting for the lock; changed only inside the map's atomic compute. */
        int requests;
    }

    public IssuedRefreshToken oneAtATime(String presented, Refresh refresh) throws RefreshTokenRejectedException {
        Queue queue = queues.compute(presented, (cookie, existing) -> {
            Queue joined = existing == null ? new Queue() : existing;
            joined.requests++;
            return joined;
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        try {
            if (!queue.lock.tryLock(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new BusyException();
            }
            try {
                // The cookie's turn first: its many tabs then take one place among the node's refreshes, not many.
                if (!running.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    throw new BusyException();
                }
                try {
                    return refresh.run();
                } finally {
                    running.release();
                }
            } finally {
                queue.lock.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BusyException();
        } finally {
            queues.computeIfPresent(presented, (cookie, left) -> --left.requests == 0 ? null : left);
        }
    }

    /** How many cookies have a refresh running or waiting on this node. */
    int queued() {
        return queues.size();
    }
}
