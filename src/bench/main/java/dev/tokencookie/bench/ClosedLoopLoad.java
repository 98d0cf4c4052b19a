package dev.tokencookie.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * A fixed number of clients, each sending its next request as soon as the previous one answered, for a fixed time:
 * what a pool of busy pages does. Bounded in time by construction; it stops by itself.
 */
final class ClosedLoopLoad {

    /** What one run measured: requests that succeeded, those that did not, and their latencies in microseconds. */
    record Result(long ok, long failed, double seconds, Histogram latencies) {

        double throughput() {
            return ok / seconds;
        }

        Result plus(Result other) {
            Histogram merged = latencies.copy();
            merged.add(other.latencies);
            return new Result(ok + other.ok, failed + other.failed, seconds + other.seconds, merged);
        }
    }

    private ClosedLoopLoad() {
    }

    /**
     * @param clientFactory makes client i's request; the request answers whether the reply was the expected one
     */
    static Result run(int clients, Duration duration, IntFunction<Callable<Boolean>> clientFactory)
            throws InterruptedException {
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        try {
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            List<Future<Result>> runs = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                Callable<Boolean> request = clientFactory.apply(i);
                runs.add(threads.submit(() -> loop(request, end)));
            }
            Result total = new Result(0, 0, 0, new Histogram(3));
            for (Future<Result> run : runs) {
                total = total.plus(run.get());
            }
            return new Result(total.ok(), total.failed(), (System.nanoTime() - start) / 1e9, total.latencies());
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("A load client failed", e.getCause());
        } finally {
            threads.shutdownNow();
        }
    }

    private static Result loop(Callable<Boolean> request, long end) throws Exception {
        Histogram latencies = new Histogram(3);
        long ok = 0;
        long failed = 0;
        long now = System.nanoTime();
        while (now < end) {
            boolean success = request.call();
            long after = System.nanoTime();
            if (success) {
                // Failures are counted, not timed: a fast refusal would flatter the percentiles.
                latencies.recordValue(Math.max(1, (after - now) / 1_000));
                ok++;
            } else {
                failed++;
            }
            now = after;
        }
        return new Result(ok, failed, 0, latencies);
    }
}
