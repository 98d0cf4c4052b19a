package dev.tokencookie.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * The CPU time one thread of the load generator's JVM spends per operation, after a warm-up: the floors under the
 * server's operations (a signature, a rotation's hashes, a password hash), measured in the same run and JDK as the
 * server's cost so that the two compare.
 */
final class CpuCost {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuCost() {
    }

    /** Microseconds of this thread's CPU per call, over at least {@code measure} after {@code warmUp} of calls. */
    static double microsPerCall(Callable<?> operation, Duration warmUp, Duration measure) throws Exception {
        run(operation, warmUp);
        long cpuBefore = THREADS.getCurrentThreadCpuTime();
        long calls = run(operation, measure);
        return (THREADS.getCurrentThreadCpuTime() - cpuBefore) / 1_000.0 / calls;
    }

    private static long run(Callable<?> operation, Duration duration) throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        long calls = 0;
        int sink = 0;
        do {
            sink += System.identityHashCode(operation.call()) & 1;
            calls++;
        } while (System.nanoTime() < end);
        // Read, so that the results are used and nothing is optimised away.
        return sink < 0 ? -1 : calls;
    }
}
