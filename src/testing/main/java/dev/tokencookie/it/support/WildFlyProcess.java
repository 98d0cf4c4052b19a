package dev.tokencookie.it.support;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Test-only: a WildFly of the test's own, on a copy of the unpacked server's standalone configuration with the
 * checked-in {@code src/war/wildfly/h2-file.cli} applied, the WAR deployed as ROOT.war (context root /).
 */
public final class WildFlyProcess implements ServerProcess {

    private final Process process;
    private final int port;
    private final Path log;

    private WildFlyProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static WildFlyProcess start(int port, Path dataDir, Path war, Map<String, String> environment,
            String... moreDeployments) throws IOException, InterruptedException {
        Path home = Path.of(Objects.requireNonNull(System.getProperty("jboss.home"), "jboss.home names WildFly"));
        Path base = war.resolveSibling("wildfly-base-" + port);
        if (!Files.isDirectory(base.resolve("configuration"))) {
            copy(home.resolve("standalone/configuration"), base.resolve("configuration"));
            run(List.of(home.resolve("bin/jboss-cli.sh").toString(), "--file=" + Path.of(System.getProperty("root.dir",
                    "../.."), "src", "war", "wildfly", "h2-file.cli")),
                    Map.of("JAVA_OPTS", "-Djboss.server.base.dir=" + base.toAbsolutePath()), base.resolve("cli.log"));
        }
        Path deployments = Files.createDirectories(base.resolve("deployments"));
        try (Stream<Path> old = Files.list(deployments)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        Files.copy(war, deployments.resolve("ROOT.war"), StandardCopyOption.REPLACE_EXISTING);
        for (String deployment : moreDeployments) {
            int colon = deployment.lastIndexOf(':');
            Files.copy(Path.of(deployment.substring(0, colon)),
                    deployments.resolve(deployment.substring(colon + 2) + ".war"), StandardCopyOption.REPLACE_EXISTING);
        }

        List<String> command = new ArrayList<>(List.of(home.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + base.toAbsolutePath(),
                "-Djboss.http.port=" + port,
                "-Djboss.https.port=" + ServerProcess.freePort(),
                "-Djboss.ajp.port=" + ServerProcess.freePort(),
                "-Djboss.management.http.port=" + ServerProcess.freePort(),
                "-Djboss.management.https.port=" + ServerProcess.freePort(),
                // What Payara Micro gets from payara-config/run-mode.properties: the demo users.
                "-Dauth.demo-users=true"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("AUTH_DATA_DIR", dataDir.toAbsolutePath().toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(environment);
        Path log = war.resolveSibling(war.getFileName() + "-wildfly-" + port + ".log");
        builder.redirectOutput(log.toFile());
        Process process = builder.start();
        WildFlyProcess server = new WildFlyProcess(process, port, log);
        long deadline = System.currentTimeMillis() + 240_000;
        // WFLYSRV0025: started; WFLYSRV0026: started with errors (a deployment that failed).
        while (!server.log().matches("(?s).*WFLYSRV002[56].*")) {
            if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                server.close();
                throw new IllegalStateException("WildFly did not start; see " + log);
            }
            Thread.sleep(250);
        }
        return server;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void run(List<String> command, Map<String, String> environment, Path log)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("jboss-cli failed; see " + log);
        }
    }

    @Override
    public long pid() {
        // standalone.sh runs the server JVM as its child.
        return process.descendants().filter(child -> child.info().command().orElse("").endsWith("java"))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(process.pid());
    }

    @Override
    public Api api() {
        return new Api(URI.create("http://localhost:" + port + "/"));
    }

    @Override
    public String log() throws IOException {
        return Files.readString(log, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws InterruptedException {
        // standalone.sh runs the server JVM as its child: stop that first, then the script.
        List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        for (ProcessHandle child : children) {
            child.onExit().completeOnTimeout(null, 60, TimeUnit.SECONDS).join();
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
