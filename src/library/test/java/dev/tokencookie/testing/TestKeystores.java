package dev.tokencookie.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes PKCS12 keystores with the JDK's keytool, as a team would, so that no key is ever checked in.
 */
public final class TestKeystores {

    private TestKeystores() {
    }

    /** Adds a key pair with a self-signed certificate under the alias; keyAlgorithm is keytool's: RSA, EC, Ed25519. */
    public static void addKeyPair(Path keystore, String password, String alias, String keyAlgorithm, String... options)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass:env", "TEST_KEYSTORE_PASSWORD", "-alias", alias, "-keyalg", keyAlgorithm,
                "-dname", "CN=token-cookie-auth test", "-validity", "2"));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("TEST_KEYSTORE_PASSWORD", password);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        if (!Files.isRegularFile(keystore)) {
            throw new IOException("keytool wrote no keystore: " + output);
        }
    }
}
