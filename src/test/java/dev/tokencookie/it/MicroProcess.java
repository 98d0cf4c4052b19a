package dev.tokencookie.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Test-only: the built WAR on a Payara Micro process of the test's own, started and stopped as an operator would, for
 * tests that must restart the server in the middle.
 */
final class MicroProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private MicroProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the WAR at context root / with the run mode's files and waits until the server is ready. */
    static MicroProcess start(int port, Path dataDir) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                System.getenv().getOrDefault("MICRO_JAR", "target/payara-micro.jar"),
                "--nocluster", "--port", String.valueOf(port), "--contextroot", "/",
                "--systemProperties", "payara-config/run-mode.properties",
                "--postbootcommandfile", "payara-config/h2-file.asadmin",
                "--deploy", System.getProperty("war.file", "target/token-cookie-auth.war")))
                .redirectErrorStream(true);
        builder.environment().put("AUTH_DATA_DIR", dataDir.toAbsolutePath().toString());
        Process process = builder.start();
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.contains("Payara Micro") && line.contains("ready in")) {
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        if (!ready.await(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("Payara Micro did not start within 180 s");
        }
        return new MicroProcess(process, port);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    Api api() {
        return new Api(URI.create("http://localhost:" + port + "/"));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
