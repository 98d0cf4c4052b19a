package dev.tokencookie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokencookie.it.deployed.HostileTokens;
import dev.tokencookie.it.deployed.TestUsers;
import dev.tokencookie.it.deployed.container.ReportsServlet;
import dev.tokencookie.it.support.Api;
import dev.tokencookie.it.support.Api.Reply;
import dev.tokencookie.it.support.Deployments;
import dev.tokencookie.it.support.ServerTest;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;

/**
 * The servlet filter on /api/me: RFC 6750 refusals for missing and bad tokens, and the caller seen by every security
 * API once a token is valid. And that the container knows that caller (the WAR's authentication mechanism): an EJB's
 * {@code @RolesAllowed}, Jakarta Security's SecurityContext in a CDI bean, and a web.xml security constraint on a plain
 * servlet that no filter guards. One class for both, as they need the same deployment: one Payara Micro start.
 */
class BearerFilterIT extends ServerTest {

    private static final String INVALID_TOKEN_CHALLENGE = "Bearer realm=\"api\", error=\"invalid_token\"";
    private static final String INSUFFICIENT_SCOPE = "Bearer realm=\"api\", error=\"insufficient_scope\"";

    @Deployment(testable = false)
    static WebArchive deployment() {
        // Also a plain servlet that a web.xml constraint protects, which only the authentication mechanism guards.
        return Deployments.withContainerChecks();
    }

    private String accessToken(Api api) {
        Reply login = api.login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        assertEquals(200, login.status(), login.body());
        return login.json().getString("access_token");
    }

    @Test
    void missingTokenIsChallengedWithoutAnErrorCode() {
        Reply reply = api().get("api/me");
        assertEquals(401, reply.status());
        assertEquals("Bearer realm=\"api\"", reply.header("WWW-Authenticate").orElseThrow());
        assertEquals("application/json", reply.header("Content-Type").orElseThrow().split(";")[0]);
        assertTrue(reply.json().containsKey("error"));
    }

    @Test
    void garbageTokenIsInvalid() {
        assertInvalid(api().get("api/me", "Authorization", "Bearer garbage-token-value"), "garbage-token-value");
        assertInvalid(api().get("api/me", "Authorization", "Bearer a.b.c"), "a.b.c");
    }

    @Test
    void anotherSchemeIsInvalid() {
        assertInvalid(api().get("api/me", "Authorization", "Basic YWRhOmFkYS1wYXNzd29yZC0x"),
                "YWRhOmFkYS1wYXNzd29yZC0x");
    }

    @Test
    void tamperedTokenIsInvalid() {
        Api api = api();
        String[] parts = accessToken(api).split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"ada\"", "\"eve\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertInvalid(api.get("api/me", "Authorization", "Bearer " + tampered), tampered);
    }

    @Test
    void expiredTokenIsInvalid() {
        Api api = api();
        String expired = api.get("test-support/hostile-tokens").jsonArray().getValuesAs(JsonObject.class).stream()
                .filter(row -> row.getString("name").equals(HostileTokens.EXPIRED)).findFirst().orElseThrow()
                .getJsonArray("authorization").getString(0).substring("Bearer ".length());

        Reply reply = api.get("api/me", "Authorization", "Bearer " + expired);
        assertInvalid(reply, expired);
        assertTrue(reply.header("WWW-Authenticate").orElseThrow().contains("expired"));
    }

    @Test
    void validTokenReachesTheResourceAndEverySecurityApi() {
        Api api = api();
        String token = accessToken(api);

        Reply me = api.get("api/me", "Authorization", "bearer " + token);
        assertEquals(200, me.status(), "the scheme is case-insensitive");

        JsonObject whoami = api.get("api/test-support/whoami", "Authorization", "Bearer " + token).json();
        assertEquals(TestUsers.ADMIN, whoami.getString("servletPrincipal"));
        assertEquals(TestUsers.ADMIN, whoami.getString("remoteUser"));
        assertTrue(whoami.getBoolean("servletIsAdmin"));
        assertFalse(whoami.getBoolean("servletIsAuditor"));
        assertEquals(TestUsers.ADMIN, whoami.getString("jaxrsPrincipal"));
        assertTrue(whoami.getBoolean("jaxrsIsAdmin"));
        assertEquals("Bearer", whoami.getString("authType"));
        assertEquals(TestUsers.ADMIN, whoami.getString("injectedName"));
        assertFalse(whoami.getString("injectedTokenId").isEmpty());
    }

    @Test
    void everyHostileTokenInTheTableIsRefused() {
        Api api = api();
        List<JsonObject> rows = api.get("test-support/hostile-tokens").jsonArray().getValuesAs(JsonObject.class);
        assertTrue(rows.size() > 40, "the table has " + rows.size() + " rows");
        assertEquals(HostileTokens.CONTROL, rows.get(0).getString("name"));

        List<String> failures = new ArrayList<>();
        for (String path : List.of("api/me", ReportsServlet.PATH)) {
            for (JsonObject row : rows) {
                String name = row.getString("name");
                List<String> values = row.getJsonArray("authorization").getValuesAs(JsonString::getString);
                String[] headers = values.stream().flatMap(v -> Stream.of("Authorization", v)).toArray(String[]::new);
                long start = System.nanoTime();
                Reply reply = api.get(path, headers);
                long millis = (System.nanoTime() - start) / 1_000_000;
                if (name.equals(HostileTokens.CONTROL)) {
                    assertEquals(200, reply.status(), "the valid control token passes on " + path + ": "
                            + reply.body());
                    continue;
                }
                // The constraint's 401 carries the server's error page as its body; the filter's, the module's JSON.
                String problem = refusalProblem(reply, values, path.equals("api/me"));
                if (problem == null && millis > 1000) {
                    problem = "took " + millis + " ms";
                }
                if (problem != null) {
                    failures.add(path + " " + name + ": " + problem);
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    /** What is wrong with the answer to a hostile token, or null when it is the refusal RFC 6750 asks for. */
    private static String refusalProblem(Reply reply, List<String> authorization, boolean moduleBody) {
        if (reply.status() != 401) {
            return "status " + reply.status();
        }
        String challenge = reply.header("WWW-Authenticate").orElse("");
        if (!challenge.startsWith(INVALID_TOKEN_CHALLENGE)) {
            return "challenge " + challenge;
        }
        if (moduleBody && !reply.body().contains("\"error\":\"invalid_token\"")
                || reply.body().contains("Exception")) {
            return "body " + reply.body();
        }
        for (String value : authorization) {
            String token = value.substring(value.indexOf(' ') + 1);
            if (token.length() > 8 && reply.body().contains(token)) {
                return "the token is echoed";
            }
        }
        return null;
    }

    @Test
    void theJwksLetsAnotherServiceVerifyTokensOnItsOwn() throws Exception {
        Api api = api();
        String token = accessToken(api);

        Reply jwks = api.get("api/auth/jwks", "Accept", "application/jwk-set+json");
        assertEquals(200, jwks.status());
        assertEquals("application/jwk-set+json", jwks.header("Content-Type").orElseThrow().split(";")[0]);
        assertEquals("max-age=300, s-maxage=0", jwks.header("Cache-Control").orElseThrow());
        JsonObject key = jwks.json().getJsonArray("keys").getJsonObject(0);
        assertEquals("RSA", key.getString("kty"));
        assertEquals("RS256", key.getString("alg"));
        assertEquals("sig", key.getString("use"));
        for (String privatePart : List.of("d", "p", "q", "dp", "dq", "qi")) {
            assertFalse(key.containsKey(privatePart), "no private part: " + privatePart);
        }
        JsonWebKeySet set = new JsonWebKeySet(jwks.body());
        assertEquals(key.getString("kid"),
                new RsaJsonWebKey((java.security.interfaces.RSAPublicKey)
                        ((PublicJsonWebKey) set.getJsonWebKeys().get(0)).getPublicKey())
                        .calculateBase64urlEncodedThumbprint("SHA-256"), "kid is the RFC 7638 thumbprint");

        // What another service does with nothing but the JWKS: jose4j's own resolver, issuer and audience.
        JwtClaims claims = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(set.getJsonWebKeys()))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "RS256")
                .setExpectedIssuer("token-cookie-auth")
                .setExpectedAudience("api")
                .setRequireExpirationTime()
                .build()
                .processToClaims(token);
        assertEquals(TestUsers.ADMIN, claims.getSubject());
    }

    @Test
    void rolesAllowedFollowsTheTokensGroups() {
        Api api = api();
        String admin = accessToken(api);
        Reply user = api.login(TestUsers.USER, TestUsers.USER_PASSWORD);

        assertEquals(200, api.get("api/test-support/whoami/admin", "Authorization", "Bearer " + admin).status());
        Reply forbidden = api.get("api/test-support/whoami/admin", "Authorization",
                "Bearer " + user.json().getString("access_token"));
        assertEquals(403, forbidden.status());
        assertEquals("insufficient_scope", forbidden.json().getString("error"));
        assertEquals("Bearer realm=\"api\", error=\"insufficient_scope\", error_description=\"The caller is not in a "
                + "group allowed here\"", forbidden.header("WWW-Authenticate").orElseThrow(), "RFC 6750 section 3.1");
    }

    @Test
    void authEndpointsAreNotBehindTheFilter() {
        Reply login = api().login(TestUsers.USER, TestUsers.USER_PASSWORD);
        assertEquals(200, login.status());
        assertFalse(login.header("WWW-Authenticate").isPresent());
    }

    private static void assertInvalid(Reply reply, String token) {
        assertEquals(401, reply.status(), reply.body());
        assertTrue(reply.header("WWW-Authenticate").orElseThrow().startsWith(INVALID_TOKEN_CHALLENGE),
                reply.header("WWW-Authenticate").orElseThrow());
        assertEquals("invalid_token", reply.json().getString("error"));
        assertFalse(reply.body().contains(token), "the token is never echoed");
        assertFalse(reply.body().contains("Exception"), "no stack trace");
        assertEquals("no-store", reply.header("Cache-Control").orElseThrow());
    }

    private static String bearer(Api api, String user, String password) {
        Reply login = api.login(user, password);
        assertEquals(200, login.status(), login.body());
        return "Bearer " + login.json().getString("access_token");
    }

    @Test
    void anEjbsRolesAllowedRefusesACallerWithoutTheRoleWith403() {
        Api api = api();
        Reply user = api.get("api/test-support/container/ledger", "Authorization",
                bearer(api, TestUsers.USER, TestUsers.USER_PASSWORD));
        assertEquals(403, user.status(), user.body());
        assertTrue(user.header("WWW-Authenticate").orElseThrow().startsWith(INSUFFICIENT_SCOPE));
        assertEquals("insufficient_scope", user.json().getString("error"));
    }

    @Test
    void theEjbAndSecurityContextKnowTheCallersName() {
        Api api = api();
        JsonObject user = api.get("api/test-support/container/caller", "Authorization",
                bearer(api, TestUsers.USER, TestUsers.USER_PASSWORD)).json();
        assertEquals(TestUsers.USER, user.getString("ejbCaller"));
        assertEquals(TestUsers.USER, user.getString("securityContextCaller"));
        assertFalse(user.getBoolean("securityContextIsAdmin"));
    }

    @Test
    void anEjbsRolesAllowedAndSecurityContextSeeTheTokensGroups() {
        Api api = api();
        String admin = bearer(api, TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        Reply ledger = api.get("api/test-support/container/ledger", "Authorization", admin);
        assertEquals(200, ledger.status(), ledger.body());
        assertEquals("entry for " + TestUsers.ADMIN, ledger.body());
        JsonObject caller = api.get("api/test-support/container/caller", "Authorization", admin).json();
        assertTrue(caller.getBoolean("securityContextIsAdmin"));
        assertTrue(caller.getBoolean("securityContextIsUser"));
    }

    @Test
    void aWebXmlConstraintProtectsAPlainServletWithBearerTokens() {
        Api api = api();
        Reply none = api.get(ReportsServlet.PATH);
        assertEquals(401, none.status(), none.body());
        assertEquals("Bearer realm=\"api\"", none.header("WWW-Authenticate").orElseThrow());

        Reply garbage = api.get(ReportsServlet.PATH, "Authorization", "Bearer a.b.c");
        assertEquals(401, garbage.status());
        assertTrue(garbage.header("WWW-Authenticate").orElseThrow()
                .startsWith("Bearer realm=\"api\", error=\"invalid_token\""));

        assertEquals(403, api.get(ReportsServlet.PATH, "Authorization",
                bearer(api, TestUsers.USER, TestUsers.USER_PASSWORD)).status());
        Reply admin = api.get(ReportsServlet.PATH, "Authorization",
                bearer(api, TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD));
        assertEquals(200, admin.status(), admin.body());
        assertEquals("reports for " + TestUsers.ADMIN, admin.body());
    }

    @Test
    void theTokenOfASignedOutSessionIsRefusedByTheConstraintAsByTheFilter() {
        Api api = api();
        Reply login = api.login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        String bearer = "Bearer " + login.json().getString("access_token");
        assertEquals(200, api.get(ReportsServlet.PATH, "Authorization", bearer).status());
        assertEquals(204, api.withCookie("api/auth/logout", login.refreshCookie().value()).status());
        String ended = "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The session of this access"
                + " token has ended\"";
        for (String path : new String[] {ReportsServlet.PATH, "api/me"}) {
            Reply reply = api.get(path, "Authorization", bearer);
            assertEquals(401, reply.status(), path);
            assertEquals(ended, reply.header("WWW-Authenticate").orElseThrow(), path);
        }
    }
}
