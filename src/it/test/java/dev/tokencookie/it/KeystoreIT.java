package dev.tokencookie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokencookie.it.support.Api;
import dev.tokencookie.it.support.Api.Reply;
import dev.tokencookie.it.support.ServerProcess;
import dev.tokencookie.testing.TestKeystores;
import jakarta.json.JsonObject;
import java.io.FileInputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The team's own PKCS12 keystore instead of database keys, configured as an operator would: the path and aliases in
 * environment variables beside the password. A password that does not open it fails the deployment, unprinted.
 */
class KeystoreIT {

    private static final String PASSWORD = "keystore-it-password";

    @TempDir
    static Path directory;
    static Path keystore;

    @BeforeAll
    static void makeKeystore() throws Exception {
        keystore = directory.resolve("team-keys.p12");
        TestKeystores.addKeyPair(keystore, PASSWORD, "signing-2026-11", "RSA", "-keysize", "2048");
        TestKeystores.addKeyPair(keystore, PASSWORD, "signing-2026-10", "RSA", "-keysize", "2048");
    }

    private static Map<String, String> environment(String password) {
        return Map.of("AUTH_SIGNING_KEYSTORE_PATH", keystore.toString(),
                "AUTH_SIGNING_KEYSTORE_ALIAS", "signing-2026-11, signing-2026-10",
                "AUTH_SIGNING_KEYSTORE_PASSWORD", password);
    }

    private static String thumbprint(String alias) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(keystore.toFile())) {
            store.load(in, PASSWORD.toCharArray());
        }
        return PublicJsonWebKey.Factory.newPublicJwk(store.getCertificate(alias).getPublicKey())
                .calculateBase64urlEncodedThumbprint("SHA-256");
    }

    @Test
    void theFirstAliasSignsAndBothArePublished() throws Exception {
        Path war = Path.of(System.getProperty("war.file", "target/token-cookie-auth.war"));
        try (ServerProcess server = ServerProcess.start(ServerProcess.freePort(), directory.resolve("data"), war,
                environment(PASSWORD))) {
            Api api = server.api();
            Reply login = api.login("alice", "alice-password-1");
            assertEquals(200, login.status(), login.body());
            String token = login.json().getString("access_token");
            assertEquals(thumbprint("signing-2026-11"), KeyRotationIT.kid(token));
            assertEquals(200, api.get("api/me", "Authorization", "Bearer " + token).status());

            List<String> published = api.get("api/auth/jwks").json().getJsonArray("keys")
                    .getValuesAs(JsonObject.class).stream().map(key -> key.getString("kid")).toList();
            assertEquals(List.of(thumbprint("signing-2026-11"), thumbprint("signing-2026-10")), published);
            assertFalse(server.log().contains(PASSWORD), "the password is never logged");
        }
    }

    @Test
    void aWrongPasswordFailsTheDeploymentNamingTheSettingButNotThePassword() throws Exception {
        Path war = Path.of(System.getProperty("war.file", "target/token-cookie-auth.war"));
        try (ServerProcess server = ServerProcess.start(ServerProcess.freePort(), directory.resolve("data"), war,
                environment("not-the-password"))) {
            Reply jwks = server.api().get("api/auth/jwks");
            assertTrue(jwks.status() >= 400 && !jwks.body().contains("\"keys\""), "the module is not running");
            String log = server.log();
            assertTrue(log.contains("Invalid setting auth.signing.keystore.password"), "the log names the setting");
            assertFalse(log.contains("not-the-password"), "the password is never logged");
        }
    }
}
