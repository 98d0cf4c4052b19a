package dev.tokencookie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokencookie.it.deployed.HostileTokens;
import dev.tokencookie.it.deployed.TestUsers;
import dev.tokencookie.it.deployed.interop.InteropApplication;
import dev.tokencookie.it.deployed.interop.InteropResource;
import dev.tokencookie.it.support.Api;
import dev.tokencookie.it.support.Api.Reply;
import dev.tokencookie.it.support.Deployments;
import dev.tokencookie.it.support.ServerProcess;
import jakarta.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Another team's service trusts the module's tokens on its own: a second WAR on the same Payara Micro, protected by
 * Payara's built-in MicroProfile JWT with nothing but the module's JWKS URL, issuer and audience.
 *
 * <p>Tokens live 30 s without skew, so the JWKS may be cached for 20 s; the key-removal test relies on that.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MicroProfileJwtIT {

    private static final Path DIRECTORY = Path.of("target", "mp-jwt-interop");
    private static ServerProcess server;
    private static Api module;
    private static Api service;

    @BeforeAll
    static void start() throws Exception {
        if (Files.exists(DIRECTORY)) {
            try (Stream<Path> files = Files.walk(DIRECTORY)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        Files.createDirectories(DIRECTORY);
        int port = ServerProcess.freePort();
        Path moduleWar = DIRECTORY.resolve("token-cookie-auth.war");
        Deployments.war(Map.of("auth.access-token.ttl", "PT30S", "auth.clock-skew", "PT0S"))
                .as(ZipExporter.class).exportTo(moduleWar.toFile(), true);
        Path serviceWar = DIRECTORY.resolve("reports-service.war");
        serviceWar(port).as(ZipExporter.class).exportTo(serviceWar.toFile(), true);

        server = ServerProcess.start(port, DIRECTORY.resolve("data"), moduleWar, Map.of(), serviceWar + ":/reports");
        module = server.api();
        service = new Api(URI.create("http://localhost:" + port + "/reports/"));
    }

    /** What a team writes to trust the module: two classes, four lines of MicroProfile Config and a web.xml. */
    private static WebArchive serviceWar(int port) {
        String config = "mp.jwt.verify.publickey.location=http://localhost:" + port + "/api/auth/jwks\n"
                + "mp.jwt.verify.issuer=token-cookie-auth\n"
                + "mp.jwt.verify.audiences=api\n"
                // MicroProfile JWT 2.1; SmallRye (WildFly) allows 60 s by default, Payara none.
                + "mp.jwt.verify.clock.skew=5\n";
        return ShrinkWrap.create(WebArchive.class, "reports-service.war")
                .addClasses(InteropApplication.class, InteropResource.class)
                .addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties")
                .setWebXML(new StringAsset(SERVICE_WEB_XML));
    }

    /** What WildFly needs besides: RESTEasy checks {@code @RolesAllowed} only when asked to. Payara ignores it. */
    private static final String SERVICE_WEB_XML = """
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                <context-param>
                    <param-name>resteasy.role.based.security</param-name>
                    <param-value>true</param-value>
                </context-param>
            </web-app>
            """;

    @AfterAll
    static void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    private static String login(String user, String password) {
        Reply login = module.login(user, password);
        assertEquals(200, login.status(), login.body());
        return login.json().getString("access_token");
    }

    private static Reply report(String path, String token) {
        return service.get("api/reports/" + path, "Authorization", "Bearer " + token);
    }

    private static List<String> jwksKids() {
        return module.get("api/auth/jwks").json().getJsonArray("keys").getValuesAs(JsonObject.class).stream()
                .map(key -> key.getString("kid")).toList();
    }

    @Test
    @Order(1)
    void aTokenFromTheModulesLoginIsAcceptedAndItsGroupsDriveRolesAllowed() {
        String admin = login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        String user = login(TestUsers.USER, TestUsers.USER_PASSWORD);

        Reply adminReport = report("admin", admin);
        assertEquals(200, adminReport.status(), adminReport.body());
        assertEquals(TestUsers.ADMIN, adminReport.json().getString("name"), "the caller is the token's upn");
        assertEquals(List.of("admin", "user"), adminReport.json().getJsonArray("groups")
                .getValuesAs(jakarta.json.JsonString.class).stream().map(s -> s.getString()).sorted().toList());
        assertEquals(403, report("admin", user).status(), "ben's groups do not include admin");
        assertEquals(200, report("user", user).status());
        // Payara's MP-JWT challenges a request without a token (401); WildFly's lets it through unauthenticated and
        // RESTEasy's role check refuses it (403). A constraint in web.xml would give 401 there, but Payara refuses
        // security constraints beside @LoginConfig.
        int withoutToken = service.get("api/reports/user").status();
        assertTrue(Set.of(401, 403).contains(withoutToken), "no token: " + withoutToken);
    }

    @Test
    @Order(2)
    void aTamperedTokenIsRefused() {
        String token = login(TestUsers.USER, TestUsers.USER_PASSWORD);
        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String promoted = claims.replace("\"groups\":[\"user\"]", "\"groups\":[\"user\",\"admin\"]");
        assertTrue(!promoted.equals(claims), claims);
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(promoted.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertEquals(401, report("admin", tampered).status());
        assertEquals(401, report("user", tampered).status());
        assertEquals(200, report("user", token).status(), "the untouched token passes");
    }

    @Test
    @Order(3)
    void anExpiredTokenIsRefused() {
        // Genuinely signed by the module's key; only exp is in the past.
        String expired = module.get("test-support/hostile-tokens").jsonArray().getValuesAs(JsonObject.class).stream()
                .filter(row -> row.getString("name").equals(HostileTokens.EXPIRED))
                .findFirst().orElseThrow().getJsonArray("authorization").getString(0).substring("Bearer ".length());

        assertEquals(401, report("user", expired).status());
        assertEquals(401, module.get("api/me", "Authorization", "Bearer " + expired).status());
    }

    @Test
    @Order(4)
    void aTokenOfAKeyRemovedFromTheJwksIsRefusedWhileItIsStillUnexpired() throws Exception {
        String token = login(TestUsers.USER, TestUsers.USER_PASSWORD);
        assertEquals(200, report("user", token).status());
        String kid = KeyRotationIT.kid(token);
        long expiry = KeyRotationIT.claims(token).getJsonNumber("exp").longValue();

        // An operator pulls the key, say because it leaked. The service is not asked again until the module's JWKS
        // has dropped the key (within 10 s), so its next fetch, when its 20 s cache runs out, cannot bring it back.
        assertEquals(204, module.delete("test-support/signing-key-rows?kid=" + kid).status());
        Instant dropDeadline = Instant.now().plusSeconds(15);
        while (jwksKids().contains(kid) && Instant.now().isBefore(dropDeadline)) {
            Thread.sleep(250);
        }
        assertTrue(!jwksKids().contains(kid), "the module's JWKS no longer lists the key");

        Reply refused = report("user", token);
        while (refused.status() == 200 && Instant.now().getEpochSecond() < expiry) {
            Thread.sleep(500);
            refused = report("user", token);
        }
        // Refused either way; the status is the other server's choice: Payara answers 401, while SmallRye JWT
        // (WildFly) reports a kid it cannot resolve, even after refetching the JWKS, as 500.
        assertTrue(Set.of(401, 500).contains(refused.status()),
                "refused once the service re-reads the JWKS: " + refused.status() + " " + refused.body());
        assertTrue(Instant.now().getEpochSecond() < expiry, "before the token expired");
        assertEquals(401, module.get("api/me", "Authorization", "Bearer " + token).status(), "and by the module");

        String fresh = login(TestUsers.USER, TestUsers.USER_PASSWORD);
        assertTrue(!KeyRotationIT.kid(fresh).equals(kid), "a new key signs");
        assertEquals(200, report("user", fresh).status(), "and the service trusts it");
    }
}
