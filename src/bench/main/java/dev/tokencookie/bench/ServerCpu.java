package dev.tokencookie.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time a process has used so far, user and system, from Linux's /proc: the server's cost of a request apart
 * from the load generator's, which shares the machine.
 */
final class ServerCpu {

    // USER_HZ, the unit of /proc/PID/stat: 100 on x86 and ARM Linux.
    private static final double TICKS_PER_SECOND = 100.0;

    private ServerCpu() {
    }

    static double seconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // After the command name in parentheses, which may itself hold spaces: state is field 3, utime 14, stime
            // 15.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the CPU time of process " + pid, e);
        }
    }
}
