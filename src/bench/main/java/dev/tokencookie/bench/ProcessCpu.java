package dev.tokencookie.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The CPU time a process has used so far, user and system (and its threads' context switches), from Linux's /proc:
 * the server's cost of a request apart from the load generator's, which shares the machine; and PostgreSQL's, over the
 * postmaster and its backends.
 */
final class ProcessCpu {

    // USER_HZ, the unit of /proc/PID/stat: 100 on x86 and ARM Linux.
    private static final double TICKS_PER_SECOND = 100.0;
    private static final Pattern COMPILER_THREADS = Pattern.compile("C[12] Compiler.*");
    private static final Pattern COLLECTOR_THREADS = Pattern.compile("(GC Thread|G1 ).*");

    private ProcessCpu() {
    }

    /** Seconds of CPU, user and system, of the process alone. */
    static double seconds(long pid) {
        String[] fields = fields(pid);
        return (tick(fields, 14) + tick(fields, 15)) / TICKS_PER_SECOND;
    }

    /** Seconds of the process's CPU that the kernel spent for it: system calls, the network stack, waking threads. */
    static double kernelSeconds(long pid) {
        return tick(fields(pid), 15) / TICKS_PER_SECOND;
    }

    /**
     * Context switches of the process's threads so far, a thread waiting (voluntary) or preempted: each hand-off of a
     * request from one thread to another costs one or two. A thread that ends takes its count with it, so a round in
     * which threads end is undercounted.
     */
    static long contextSwitches(long pid) {
        try (Stream<Path> threads = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            return threads.mapToLong(ProcessCpu::threadSwitches).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the threads of process " + pid, e);
        }
    }

    private static long threadSwitches(Path thread) {
        try (Stream<String> lines = Files.lines(thread.resolve("status"))) {
            return lines.filter(line -> line.startsWith("voluntary_ctxt_switches:")
                            || line.startsWith("nonvoluntary_ctxt_switches:"))
                    .mapToLong(line -> Long.parseLong(line.substring(line.indexOf(':') + 1).strip())).sum();
        } catch (IOException | UncheckedIOException e) {
            // The thread ended between the listing and the read.
            return 0;
        }
    }

    /**
     * Seconds of CPU of the process's JIT compiler threads: the warm-up work that a long-running server has done once,
     * and a benchmark of minutes still pays for.
     */
    static double compilerSeconds(long pid) {
        // HotSpot names them "C1 CompilerThread0", "C2 CompilerThread1"; Linux keeps the first 15 characters.
        return threadSeconds(pid, COMPILER_THREADS);
    }

    /**
     * Seconds of CPU of the process's garbage collector threads (G1's: "GC Thread#0", "G1 Conc#0", "G1 Refine#0",
     * "G1 Main Marker", "G1 Service"): work that grows with the garbage each request leaves, not with the request's
     * own code. Not counted: the VM thread, which brings G1's pauses about (and under the serial collector does the
     * collecting), and the allocation work of the request threads themselves.
     */
    static double collectorSeconds(long pid) {
        return threadSeconds(pid, COLLECTOR_THREADS);
    }

    private static double threadSeconds(long pid, Pattern names) {
        try (Stream<Path> threads = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            return threads.mapToDouble(thread -> threadTicks(thread, names)).sum() / TICKS_PER_SECOND;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the threads of process " + pid, e);
        }
    }

    private static double threadTicks(Path thread, Pattern names) {
        try {
            if (!names.matcher(Files.readString(thread.resolve("comm")).strip()).matches()) {
                return 0;
            }
            String[] fields = fields(thread.resolve("stat"));
            return tick(fields, 14) + tick(fields, 15);
        } catch (IOException e) {
            // The thread ended between the listing and the read.
            return 0;
        }
    }

    /** The postmaster's process id, from the first line of postmaster.pid in its data directory. */
    static long postmaster(Path dataDirectory) {
        try {
            return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read PostgreSQL's process id in " + dataDirectory, e);
        }
    }

    /**
     * Seconds of CPU of the process, its living children, and its reaped children: all of PostgreSQL, whose backends
     * end and start as the pool closes and opens connections.
     */
    static double withChildren(long pid) {
        String[] own = fields(pid);
        double ticks = tick(own, 14) + tick(own, 15) + tick(own, 16) + tick(own, 17);
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            ticks += processes.filter(path -> path.getFileName().toString().chars().allMatch(Character::isDigit))
                    .mapToDouble(path -> childTicks(path, pid)).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the processes", e);
        }
        return ticks / TICKS_PER_SECOND;
    }

    private static double childTicks(Path process, long parent) {
        try {
            String[] fields = fields(Long.parseLong(process.getFileName().toString()));
            return tick(fields, 4) == parent ? tick(fields, 14) + tick(fields, 15) : 0;
        } catch (UncheckedIOException e) {
            // It ended between the listing and the read; its time is now in the parent's children's time.
            return 0;
        }
    }

    /** Field n of /proc/PID/stat, numbered from 1 as proc(5) does. */
    private static double tick(String[] afterName, int n) {
        return Long.parseLong(afterName[n - 3]);
    }

    private static String[] fields(long pid) {
        try {
            return fields(Path.of("/proc", String.valueOf(pid), "stat"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read process " + pid, e);
        }
    }

    /** The fields of a process's or a thread's stat file after the command name. */
    private static String[] fields(Path statFile) throws IOException {
        String stat = Files.readString(statFile);
        // After the command name in parentheses, which may itself hold spaces: the state is field 3.
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }
}
