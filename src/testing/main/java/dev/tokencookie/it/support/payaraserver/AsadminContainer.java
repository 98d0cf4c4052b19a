package dev.tokencookie.it.support.payaraserver;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.descriptor.api.Descriptor;

/**
 * Test-only: runs the in-container suite on Payara Server, the full distribution, through its own asadmin as an
 * operator does: a fresh domain, the documented setup commands, then {@code asadmin deploy} of each test WAR. Payara's
 * own managed adapter (2.5, the last that Maven Central serves) is built against the javax APIs, so the tests drive
 * asadmin themselves.
 */
public class AsadminContainer implements DeployableContainer<AsadminConfiguration> {

    private AsadminConfiguration configuration;
    private Path deployments;

    @Override
    public Class<AsadminConfiguration> getConfigurationClass() {
        return AsadminConfiguration.class;
    }

    @Override
    public void setup(AsadminConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public void start() throws LifecycleException {
        try {
            Path domainDir = Path.of(configuration.getPayaraHome(), "glassfish", "domains", configuration.getDomain());
            if (Files.exists(domainDir)) {
                // A domain left by an earlier run (stopped or not): start from nothing, as a new operator would.
                asadmin(60, "stop-domain", "--kill=true", configuration.getDomain());
                deleteTree(domainDir);
            }
            deployments = Files.createTempDirectory("payara-server-deployments");
            asadmin(120, "create-domain", "--nopassword=true", "--portbase",
                    String.valueOf(configuration.getPortBase()), configuration.getDomain());
            asadmin(configuration.getStartupTimeoutInSeconds(), "start-domain", configuration.getDomain());
            if (configuration.getSetupCommands() != null) {
                for (String file : configuration.getSetupCommands().split(",")) {
                    runCommands(Path.of(file.strip()));
                }
            }
        } catch (IOException | DeploymentException e) {
            throw new LifecycleException("Payara Server did not start", e);
        }
    }

    /**
     * Runs a file of asadmin commands against the domain, one per line. {@code ${name}} stands for a system property
     * (a path the build knows); {@code ${ENV=...}} stays for Payara to resolve from the server's environment.
     */
    private void runCommands(Path file) throws IOException, DeploymentException {
        for (String command : Files.readAllLines(file)) {
            String line = expand(command.strip());
            if (!line.isEmpty() && !line.startsWith("#")) {
                List<String> words = new ArrayList<>();
                if (configuration.getPasswordFile() != null) {
                    words.addAll(List.of("--passwordfile", configuration.getPasswordFile()));
                }
                words.addAll(words(line));
                adminCommand(300, words);
            }
        }
    }

    /** The words of a line as a shell splits them: a double-quoted part, spaces and all, belongs to its word. */
    private static List<String> words(String line) {
        Matcher word = Pattern.compile("(?:[^\\s\"]+|\"[^\"]*\")+").matcher(line);
        List<String> words = new ArrayList<>();
        while (word.find()) {
            words.add(word.group().replace("\"", ""));
        }
        return words;
    }

    private static String expand(String line) {
        Matcher property = Pattern.compile("\\$\\{([^}=]+)}").matcher(line);
        StringBuilder expanded = new StringBuilder();
        while (property.find()) {
            String value = System.getProperty(property.group(1));
            if (value == null) {
                throw new IllegalStateException("No system property " + property.group(1) + " for: " + line);
            }
            property.appendReplacement(expanded, Matcher.quoteReplacement(value));
        }
        return property.appendTail(expanded).toString();
    }

    @Override
    public void stop() throws LifecycleException {
        try {
            asadmin(120, "stop-domain", configuration.getDomain());
            deleteTree(deployments);
        } catch (DeploymentException | IOException e) {
            throw new LifecycleException("Payara Server did not stop", e);
        }
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        return new ProtocolDescription("Local");
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        String name = baseName(archive);
        File file = deployments.resolve(archive.getName()).toFile();
        archive.as(ZipExporter.class).exportTo(file, true);
        adminCommand(300, List.of("deploy", "--force=true", "--name", name, "--contextroot", name,
                file.getAbsolutePath()));
        HTTPContext context = new HTTPContext("localhost", configuration.httpPort());
        context.add(new Servlet("default", "/" + name));
        return new ProtocolMetaData().addContext(context);
    }

    @Override
    public void undeploy(Archive<?> archive) throws DeploymentException {
        adminCommand(120, List.of("undeploy", baseName(archive)));
    }

    @Override
    public void deploy(Descriptor descriptor) {
        throw new UnsupportedOperationException("Descriptors are not deployed here");
    }

    @Override
    public void undeploy(Descriptor descriptor) {
        throw new UnsupportedOperationException("Descriptors are not deployed here");
    }

    private static String baseName(Archive<?> archive) {
        String name = archive.getName();
        return name.endsWith(".war") ? name.substring(0, name.length() - 4) : name;
    }

    /** A command for the running domain, on its admin port. */
    private void adminCommand(int timeoutSeconds, List<String> arguments) throws DeploymentException {
        List<String> words = new ArrayList<>(List.of("--port", String.valueOf(configuration.adminPort())));
        words.addAll(arguments);
        asadmin(timeoutSeconds, words.toArray(String[]::new));
    }

    private void asadmin(int timeoutSeconds, String... arguments) throws DeploymentException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(configuration.getPayaraHome(), "bin", "asadmin").toString());
        command.add("--interactive=false");
        command.addAll(List.of(arguments));
        try {
            Path log = Files.createTempFile("asadmin", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new DeploymentException("asadmin " + arguments[0] + " did not finish in " + timeoutSeconds
                        + " s");
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.delete(log);
            System.out.println("asadmin " + String.join(" ", arguments) + ": " + output.strip());
            if (process.exitValue() != 0 && !arguments[0].equals("stop-domain")) {
                throw new DeploymentException("asadmin " + String.join(" ", arguments) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new DeploymentException("asadmin could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeploymentException("Interrupted while asadmin ran", e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
