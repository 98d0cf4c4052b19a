package dev.tokencookie.it.support;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Test-only: Payara Micro as a {@link ServerProcess}, with the run mode's files (payara-config).
 */
public final class MicroProcess implements ServerProcess {

    private final Process process;
    private final int port;
    private final Path log;

    private MicroProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    @Override
    public String log() throws IOException {
        return Files.readString(log, StandardCharsets.ISO_8859_1);
    }

    /**
     * The WAR at context root / with the run mode's files, environment variables as an operator would set them, and
     * more WARs beside it, each given as {@code path:/context-root}; waits until the server is ready.
     */
    public static MicroProcess start(int port, Path dataDir, Path war, Map<String, String> environment,
            String... moreDeployments) throws IOException, InterruptedException {
        return start(port, dataDir, war, environment, config("postgresql.asadmin"), moreDeployments);
    }

    /**
     * As the other start, with PostgreSQL's pool created by other commands than the run mode's, e.g. a benchmark's
     * pool of another size; they apply only when the environment names a database (AUTH_DB_URL).
     */
    public static MicroProcess start(int port, Path dataDir, Path war, Map<String, String> environment,
            Path postgresqlCommands, String... moreDeployments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // Options for the server's JVM, e.g. a flight recording of a benchmark (docs/performance-runs.md).
        String javaOptions = System.getenv().getOrDefault("SERVER_JAVA_OPTIONS", "").strip();
        if (!javaOptions.isEmpty()) {
            command.addAll(List.of(javaOptions.split("\\s+")));
        }
        command.addAll(List.of("-jar",
                Objects.requireNonNull(System.getenv("MICRO_JAR"),
                "MICRO_JAR names the Payara Micro jar (failsafe sets it)"),
                "--nocluster", "--port", String.valueOf(port), "--contextroot", "/",
                "--systemProperties", config("run-mode.properties").toString()));
        if (environment.containsKey("AUTH_DB_URL")) {
            // As ./mvnw -Prun,postgresql starts it: the driver beside the server and the PostgreSQL pool.
            command.addAll(List.of("--addlibs", System.getProperty("micro.postgresql.jar", "target/postgresql.jar"),
                    "--postbootcommandfile", postgresqlCommands.toString()));
        } else {
            command.addAll(List.of("--postbootcommandfile", config("h2-file.asadmin").toString()));
        }
        command.addAll(List.of("--deploy", war.toString()));
        for (String deployment : moreDeployments) {
            command.addAll(List.of("--deploy", deployment));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("AUTH_DATA_DIR", dataDir.toAbsolutePath().toString());
        builder.environment().putAll(environment);
        // The server's console goes to a file beside its WAR, for the reader of a failed test.
        Path log = war.resolveSibling(war.getFileName() + "-" + port + ".log");
        builder.redirectOutput(log.toFile());
        Process process = builder.start();
        long deadline = System.currentTimeMillis() + 180_000;
        while (!Files.readString(log, StandardCharsets.ISO_8859_1).contains("ready in")) {
            if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("Payara Micro did not start; see " + log);
            }
            Thread.sleep(250);
        }
        return new MicroProcess(process, port, log);
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public Api api() {
        return new Api(URI.create("http://localhost:" + port + "/"));
    }

    /** Ends the server as a crash would (SIGKILL): no request is finished, nothing is shut down cleanly. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** A file of the repository's payara-config/, wherever the build, a test or a benchmark, runs from. */
    public static Path config(String name) {
        return Path.of(System.getProperty("root.dir", "../.."), "payara-config", name);
    }
}
