package dev.tokencookie.accesstoken.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokencookie.settings.control.AuthSettings;
import dev.tokencookie.settings.control.InvalidSettingException;
import dev.tokencookie.settings.control.SigningAlgorithm;
import dev.tokencookie.settings.control.SigningKeystore;
import dev.tokencookie.settings.control.TestSettings;
import dev.tokencookie.testing.TestKeystores;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * A team's PKCS12 keystore, made with keytool: the first alias signs, the others verify, and anything unusable
 * names the setting to fix without showing the password.
 */
class KeystoreSigningKeysTest {

    private static final String PASSWORD = "changeit-in-tests-only";

    @TempDir
    static Path directory;
    static Path keystore;

    @BeforeAll
    static void makeKeystore() throws Exception {
        keystore = directory.resolve("keys.p12");
        TestKeystores.addKeyPair(keystore, PASSWORD, "current", "RSA", "-keysize", "2048");
        TestKeystores.addKeyPair(keystore, PASSWORD, "previous", "RSA", "-keysize", "3072");
        TestKeystores.addKeyPair(keystore, PASSWORD, "weak", "RSA", "-keysize", "1024");
        TestKeystores.addKeyPair(keystore, PASSWORD, "ec", "EC", "-groupname", "secp256r1");
        TestKeystores.addKeyPair(keystore, PASSWORD, "ed", "Ed25519");
    }

    private static KeystoreSigningKeys load(String algorithm, String... aliases) {
        return KeystoreSigningKeys.load(new SigningKeystore(keystore, List.of(aliases), PASSWORD),
                SigningAlgorithm.byJoseName(algorithm).orElseThrow());
    }

    @Test
    void theFirstAliasSignsAndEveryAliasVerifies() throws Exception {
        KeystoreSigningKeys keys = load("RS256", "current", "previous");
        AuthSettings settings = TestSettings.with();
        String token = AccessTokenTest.issuer(settings, keys, Clock.systemUTC()).issue("alice", Set.of(), "s").token();

        assertEquals(List.of(keys.signingKey().keyId(), keys.publishedKeys().get(1).keyId()),
                keys.publishedKeys().stream().map(SigningKey::keyId).toList());
        assertEquals(GeneratedSigningKeys.thumbprint(keys.signingKey().publicKey()), keys.signingKey().keyId());
        assertEquals("alice", TestVerifiers.verifier(settings, keys).verify(token).name());
        assertTrue(keys.verificationKey(keys.publishedKeys().get(1).keyId()).isPresent());
    }

    @Test
    void eachAlgorithmTakesItsOwnKeyType() throws Exception {
        for (String[] pair : new String[][] {{"ES256", "ec"}, {"EdDSA", "ed"}}) {
            KeystoreSigningKeys keys = load(pair[0], pair[1]);
            AuthSettings settings = TestSettings.with("auth.signing.algorithm", pair[0]);
            String token = AccessTokenTest.issuer(settings, keys, Clock.systemUTC()).issue("bob", Set.of(), "s")
                    .token();
            assertEquals("bob", TestVerifiers.verifier(settings, keys).verify(token).name(), pair[0]);
        }
    }

    @Test
    void unusableKeysFailTheDeploymentNamingTheSetting() throws Exception {
        assertNames("auth.signing.keystore.alias", () -> load("RS256", "weak"), "1024 bits");
        assertNames("auth.signing.keystore.alias", () -> load("RS256", "ec"), "not an RSA key");
        assertNames("auth.signing.keystore.alias", () -> load("ES256", "current"), "not an EC key");
        assertNames("auth.signing.keystore.alias", () -> load("EdDSA", "ec"), "not an Ed25519 key");
        assertNames("auth.signing.keystore.alias", () -> load("RS256", "current", "missing"), "no private key entry");
        assertNames("auth.signing.keystore.path", () -> KeystoreSigningKeys.load(
                new SigningKeystore(directory.resolve("absent.p12"), List.of("current"), PASSWORD),
                SigningAlgorithm.RS256), "no readable file");
        Path notAKeystore = Files.writeString(directory.resolve("not.p12"), "hello");
        assertNames("auth.signing.keystore.path", () -> KeystoreSigningKeys.load(
                new SigningKeystore(notAKeystore, List.of("current"), PASSWORD), SigningAlgorithm.RS256),
                "not a PKCS12 keystore");
        assertNames("auth.signing.keystore.alias", () -> load("RS256", "current", "current"), "listed before");
        assertNames("auth.signing.keystore.alias", () -> KeystoreSigningKeys.load(
                new SigningKeystore(mismatched(), List.of("mismatch"), PASSWORD), SigningAlgorithm.RS256),
                "does not match its certificate");
                InvalidSettingException wrongPassword = assertNames("auth.signing.keystore.password",
                () -> KeystoreSigningKeys.load(new SigningKeystore(keystore, List.of("current"), "wrong-password"),
                        SigningAlgorithm.RS256), "does not open");
        assertFalse(wrongPassword.getMessage().contains("wrong-password"));
    }

    /** A keystore entry whose private key is current's but whose certificate is previous's. */
    private static Path mismatched() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        store.setKeyEntry("mismatch", store.getKey("current", PASSWORD.toCharArray()), PASSWORD.toCharArray(),
                store.getCertificateChain("previous"));
        Path file = directory.resolve("mismatched.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD.toCharArray());
        }
        return file;
    }

    private static InvalidSettingException assertNames(String setting, Executable load, String reason) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, load);
        assertTrue(e.getMessage().startsWith("Invalid setting " + setting + "="), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
        return e;
    }
}
