package dev.tokencookie.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The browser client as the npm package a front-end team installs (src/client): its own tests pass in Node (the
 * error model, retries, the pending sign-out, URL resolution, against a scripted fetch), its declarations pass a strict
 * TypeScript build and name every export, and {@code npm pack} makes a tarball of the module, its types, README and
 * the repository's LICENSE. Needs Node.js and npm (Debian's nodejs and npm packages; CI installs them): without them
 * the test is skipped, except in CI, where that is a failure. TypeScript comes from the npm registry, as locked.
 */
class ClientPackageTest {

    private static final Path ROOT = Path.of(System.getProperty("root.dir", "../.."));
    private static final Path PACKAGE = ROOT.resolve("src/client");

    @BeforeAll
    static void installTheDevelopmentDependencies() throws Exception {
        if (!runs("npm", "--version")) {
            String message = "No npm on the PATH: install Debian's nodejs and npm packages to test the client package";
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            Assumptions.abort(message);
        }
        npm("ci", "--no-audit", "--no-fund");
    }

    @Test
    void theClientsUnitTestsPassAndItsDeclarationsPassAStrictTypeScriptBuild() throws Exception {
        String output = npm("test");

        assertTrue(output.contains("14 exports, all declared"), output);
        assertTrue(output.contains("# pass 27") && output.contains("# fail 0") && output.contains("# skipped 0"),
                "the client's own tests (node --test) all ran and passed: " + output);
    }

    @Test
    void npmPackMakesTheModuleItsTypesAndTheLicense() throws Exception {
        Path destination = Files.createDirectories(ROOT.resolve("src/war/target/client-package"));

        String output = npm("pack", "--json", "--pack-destination", destination.toString());

        JsonObject packed = Json.createReader(new StringReader(output.substring(output.indexOf('[')))).readArray()
                .getJsonObject(0);
        JsonObject manifest = Json.createReader(Files.newBufferedReader(PACKAGE.resolve("package.json")))
                .readObject();
        assertEquals(manifest.getString("version"), System.getProperty("project.version", "").replace("-SNAPSHOT",
                ""), "the package's version is the module's");
        Set<String> files = packed.getJsonArray("files").getValuesAs(JsonObject.class).stream()
                .map(file -> file.getString("path")).collect(Collectors.toSet());
        assertEquals(Set.of("package.json", "token-client.js", "token-client.d.ts", "README.md", "LICENSE"), files);
        Path tarball = destination.resolve(packed.getString("filename"));
        assertTrue(Files.size(tarball) > 5_000, "a real tarball: " + tarball);
        assertEquals(Files.readString(ROOT.resolve("LICENSE")).lines().findFirst().orElseThrow().strip(),
                "Apache License");
        assertTrue(Files.notExists(PACKAGE.resolve("LICENSE")), "the copy made for packing is removed");
        assertEquals("./token-client.d.ts", manifest.getJsonObject("exports").getJsonObject(".").getString("types"));
    }

    private static String npm(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("npm"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(PACKAGE.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            fail(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }

    private static boolean runs(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(1, TimeUnit.MINUTES) && process.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
