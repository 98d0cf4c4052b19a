package dev.tokencookie.refreshtoken.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Queues the refreshes of one cookie inside this node before they take a database connection, so that many tabs (or an
 * attacker with one cookie) wait here rather than each holding a pooled connection while waiting for the family's row.
 */
@ApplicationScoped
public class RefreshLocks {

    static final int STRIPES = 64;
    static final long WAIT_SECONDS = 10;

    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    /** A refresh to run under the lock of its cookie. */
    @FunctionalInterface
    public interface Refresh {
        IssuedRefreshToken run() throws RefreshTokenRejectedException;
    }

    /** Thrown when a cookie's queue is too long to wait for; the client should retry. */
    public static class BusyException extends RuntimeException {
        BusyException() {
            super("Too many refreshes of one session at once");
        }
    }

    public RefreshLocks() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock(true);
        }
    }

    public IssuedRefreshToken oneAtATime(String presented, Refresh refresh) throws RefreshTokenRejectedException {
        ReentrantLock lock = stripes[Math.floorMod(presented.hashCode(), STRIPES)];
        try {
            if (!lock.tryLock(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new BusyException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BusyException();
        }
        try {
            return refresh.run();
        } finally {
            lock.unlock();
        }
    }
}
