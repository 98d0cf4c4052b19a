package dev.tokencookie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokencookie.it.deployed.TestUsers;
import dev.tokencookie.it.support.Api;
import dev.tokencookie.it.support.Api.Reply;
import dev.tokencookie.it.support.Deployments;
import dev.tokencookie.it.support.ServerTest;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The module as a library: the shop, a team's own WAR that Maven built from the installed library artifact
 * (src/it/teams/shop), with its own applications at /rest (scanning) and /account (the module's endpoints, one line),
 * its own users, EJB and persistence unit, behind the module's filter. Nothing may leak either way.
 */
class LibraryIT extends ServerTest {

    private static final String CAROL = "carol";
    private static final String CAROL_PASSWORD = "carol-password-1";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.teamWar();
    }

    @Test
    void jose4jArrivesWithTheLibraryWithoutTheTeamDeclaringIt() throws Exception {
        Path built = Path.of(System.getProperty("team.war"));
        String pom = Files.readString(built.getParent().getParent().resolve("pom.xml"));
        assertTrue(pom.contains("<artifactId>token-cookie-auth</artifactId>"), "the shop names the library");
        assertFalse(pom.contains("<artifactId>jose4j</artifactId>"), "and not jose4j");
        try (ZipFile war = new ZipFile(built.toFile())) {
            assertTrue(war.stream().anyMatch(e -> e.getName().matches("WEB-INF/lib/jose4j-[0-9.]+\\.jar")),
                    "Maven brought jose4j into the shop's WAR");
            ZipEntry library = war.stream().filter(e -> e.getName().matches("WEB-INF/lib/token-cookie-auth-.*\\.jar"))
                    .findFirst().orElseThrow();
            List<String> entries = new ArrayList<>();
            try (ZipInputStream jar = new ZipInputStream(war.getInputStream(library))) {
                for (ZipEntry e = jar.getNextEntry(); e != null; e = jar.getNextEntry()) {
                    entries.add(e.getName());
                }
            }
            assertTrue(entries.contains("dev/tokencookie/TokenCookieEndpoints.class"), entries.toString());
            assertFalse(entries.contains("META-INF/persistence.xml"), "the library brings no second persistence unit");
            assertTrue(entries.stream().noneMatch(e -> e.contains("/demo/") || e.contains("TokenCookieApplication")),
                    "no demo users and no application of the module's: " + entries);
        }
    }

    @Test
    void theShopSignsInItsOwnUsersUnderItsOwnPathAndItsResourcesSeeTheCaller() {
        Api api = api();
        Reply anonymous = api.get("rest/orders");
        assertEquals(401, anonymous.status(), "the shop's resource is behind the filter");
        assertEquals("Bearer realm=\"api\"", anonymous.header("WWW-Authenticate").orElseThrow());
        assertEquals("nosniff", anonymous.header("X-Content-Type-Options").orElse(null));
        assertEquals(401, api.loginAt("account/auth/login", "alice", "alice-password-1").status(),
                "no demo user signs in: the library has none");

        Reply login = api.loginAt("account/auth/login", CAROL, CAROL_PASSWORD);
        assertEquals(200, login.status(), login.body());
        String token = login.json().getString("access_token");
        assertEquals("shop", KeyRotationIT.claims(token).getString("iss"), "the shop's web.xml setting applies");
        assertTrue(login.refreshCookie().attribute("Path").endsWith("/account/auth"), login.refreshCookie().toString());
        assertEquals("no-store", login.header("Cache-Control").orElse(null),
                "the module's providers serve its endpoints");

        String bearer = "Bearer " + token;
        Reply none = api.get("rest/orders", "Authorization", bearer);
        assertEquals(200, none.status(), none.body());
        assertEquals(CAROL, none.json().getString("owner"), "the shop's resource sees the caller");
        assertEquals(204, api.post("rest/orders?item=tea", null, null, "Authorization", bearer).status());
        assertEquals(List.of("tea"), api.get("rest/orders", "Authorization", bearer).json().getJsonArray("items")
                .getValuesAs(JsonString.class).stream().map(JsonString::getString).toList(),
                "the shop's EJB keeps orders in the shop's unit through its unnamed persistence context");

        Reply refresh = api.withCookie("account/auth/refresh", login.refreshCookie().value());
        assertEquals(200, refresh.status(), refresh.body());
        assertEquals(200, api.get("account/auth/jwks").status());
        String session = KeyRotationIT.claims(token).getString("sid");
        assertTrue(api.get("test-support/refresh-token-rows?user=" + CAROL).json().getJsonArray("sessions")
                .getValuesAs(JsonObject.class).stream().anyMatch(f -> f.getString("id").equals(session)),
                "the module's tables live in the shop's unit");
    }

    @Test
    void nothingLeaksBetweenTheShopsApplicationAndTheModules() {
        Api api = api();
        String bearer = "Bearer " + api.loginAt("account/auth/login", CAROL, CAROL_PASSWORD).json()
                .getString("access_token");

        Reply scannedModule = api.get("rest/auth/jwks", "Authorization", bearer);
        assertEquals(404, scannedModule.status(), "the shop's scanning application does not serve the module's "
                + "endpoints: " + scannedModule.body());
        Reply scannedPreflight = api.options("rest/auth/jwks", "Origin", "https://shop.example.test",
                "Access-Control-Request-Method", "GET");
        assertEquals(404, scannedPreflight.status(), "nor answers their OPTIONS, which would show that they exist: "
                + scannedPreflight.headers("Allow"));
        assertEquals(404, api.get("account/orders", "Authorization", bearer).status(),
                "the module's application does not serve the shop's resources");

        Reply unknown = api.get("rest/nothing", "Authorization", bearer);
        assertEquals(404, unknown.status());
        assertFalse(unknown.body().contains("not_found"), "the module's error bodies stay out of the shop's API: "
                + unknown.body());
        Reply invalid = api.post("rest/orders", null, null, "Authorization", bearer);
        assertEquals(400, invalid.status());
        assertFalse(invalid.body().contains("invalid_request"), "the shop's own error is not rewritten: "
                + invalid.body());
        assertNotEquals("no-store", invalid.header("Cache-Control").orElse(null),
                "the module's no-store filter does not touch the shop's answers");
    }

    /** In an application that lists the module beside its own resource, the module's providers keep to their own. */
    @Test
    void aTeamResourceBesideTheModuleKeepsItsOwnAnswers() {
        Api api = api();
        String bearer = "Bearer " + api.loginAt("account/auth/login", CAROL, CAROL_PASSWORD).json()
                .getString("access_token");

        Reply sessions = api.get("mixed/auth/sessions", "Authorization", bearer);
        assertEquals(200, sessions.status(), "the module's endpoints answer there: " + sessions.body());
        assertEquals("no-store", sessions.header("Cache-Control").orElse(null));

        Reply bad = api.get("mixed/faults/bad", "Authorization", bearer);
        assertEquals(400, bad.status());
        assertFalse(bad.body().contains("invalid_request"), "the team's 400 is not rewritten: " + bad.body());
        assertNotEquals("no-store", bad.header("Cache-Control").orElse(null));
        assertTrue(bad.headers("Vary").stream().noneMatch(vary -> vary.contains("Origin")),
                "no CORS of the module's on the team's resource: " + bad.headers("Vary"));

        Reply broken = api.get("mixed/faults/broken", "Authorization", bearer);
        assertEquals(500, broken.status());
        assertFalse(broken.body().contains("server_error"), "not the module's body: " + broken.body());
        assertFalse(broken.body().contains("defect") || broken.body().contains("Exception"),
                "no message or stack trace: " + broken.body());

        Reply unmatched = api.get("mixed/nothing", "Authorization", bearer);
        assertEquals(404, unmatched.status());
        assertEquals("not_found", unmatched.json().getString("error"),
                "a request no resource matched gets the module's body there, as docs/library.md says");
    }

    /**
     * Found by review: with Payara's own roles check switched off by payara-web.xml, as the module asks, an application
     * listing its classes got none of the module's scanned providers, and its @RolesAllowed methods answered anybody.
     */
    @Test
    void aTeamApplicationThatListsItsClassesAndOneThatScansAreGuardedToo() {
        Api api = api();
        String user = api.loginAt("account/auth/login", TestUsers.USER, TestUsers.USER_PASSWORD).json()
                .getString("access_token");
        String admin = api.loginAt("account/auth/login", TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD).json()
                .getString("access_token");

        for (String application : List.of("listed", "scanned")) {
            String path = application + "/admin";
            assertEquals(401, api.get(path).status(), "behind the filter: " + path);
            Reply notAdmin = api.get(path, "Authorization", "Bearer " + user);
            assertEquals(403, notAdmin.status(), path + ": " + notAdmin.body());
            assertEquals("insufficient_scope", notAdmin.json().getString("error"));
            assertEquals(200, api.get(path, "Authorization", "Bearer " + admin).status(), path);
        }
    }

    @Test
    void anExcludedPathOpensOnlyAnOpenEndpoint() {
        Api api = api();
        Reply status = api.get("listed/status");
        assertEquals(200, status.status(), "excluded, and an open endpoint: " + status.body());
        assertEquals("up", status.body());
        Reply details = api.get("listed/status/details");
        assertEquals(401, details.status(), "open, but asking for a role that no caller there can show: "
                + details.body());
        assertEquals("Bearer realm=\"api\"", details.header("WWW-Authenticate").orElseThrow(),
                "the roles check refuses with the filter's own challenge");
        assertEquals("unauthorized", details.json().getString("error"));

        Reply report = api.get("listed/reports/q3");
        assertEquals(401, report.status(), "excluded by its path, but not an open endpoint: " + report.body());
        assertEquals("Bearer realm=\"api\"", report.header("WWW-Authenticate").orElseThrow());
        assertEquals("unauthorized", report.json().getString("error"));
        String token = api.loginAt("account/auth/login", TestUsers.USER, TestUsers.USER_PASSWORD).json()
                .getString("access_token");
        assertEquals(401, api.get("listed/reports/q3", "Authorization", "Bearer " + token).status(),
                "an excluded path verifies no token, so such a resource never answers: the mistake shows at once");
    }
}
