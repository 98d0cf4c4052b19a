package dev.tokencookie.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The machine and JDK a result came from, printed with it, since numbers without them mean little.
 */
final class Environment {

    private Environment() {
    }

    static String describe() {
        return "- CPU: " + firstLine(Path.of("/proc/cpuinfo"), "model name").orElse(System.getProperty("os.arch"))
                + ", " + Runtime.getRuntime().availableProcessors() + " cores available\n"
                + "- memory: " + firstLine(Path.of("/proc/meminfo"), "MemTotal").orElse("unknown") + "\n"
                + "- OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + "\n"
                + "- JDK (load generator and server): " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version") + "\n";
    }

    private static Optional<String> firstLine(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.stream().filter(line -> line.startsWith(key))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
