package dev.tokencookie.testing;

import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.lang.reflect.Proxy;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The platform's scheduler for the module's background work, as the JDK's runs a periodic task (one that throws is
 * never run again), at a millisecond's delay instead of the settings', so that a test sees many runs at once.
 */
public final class TestScheduler {

    private TestScheduler() {
    }

    /** Only {@code scheduleWithFixedDelay}, which the module's background work uses; the executor is the test's. */
    public static ManagedScheduledExecutorService everyMillisecondOn(ScheduledThreadPoolExecutor executor) {
        return (ManagedScheduledExecutorService) Proxy.newProxyInstance(TestScheduler.class.getClassLoader(),
                new Class<?>[] {ManagedScheduledExecutorService.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("scheduleWithFixedDelay")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return executor.scheduleWithFixedDelay((Runnable) args[0], 1, 1, TimeUnit.MILLISECONDS);
                });
    }

    /** Waits, at most 10 s, for what the scheduled runs should bring about; the caller asserts it afterwards. */
    public static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }
}
