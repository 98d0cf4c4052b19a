package dev.tokencookie.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokencookie.it.deployed.TeamFilesResource;
import dev.tokencookie.it.deployed.TestUsers;
import dev.tokencookie.it.support.Api;
import dev.tokencookie.it.support.Api.Reply;
import dev.tokencookie.it.support.Api.SetCookie;
import dev.tokencookie.it.support.ApiDescription;
import dev.tokencookie.it.support.AuthAsserts;
import dev.tokencookie.it.support.Deployments;
import dev.tokencookie.it.support.RawHttp;
import dev.tokencookie.it.support.ServerTest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The API as the outside sees it, on the WAR as built. First the checked-in API description
 * (src/war/main/resources/META-INF/openapi.json) and the running server are held to each other: the server's
 * MicroProfile OpenAPI endpoint serves that document, every answer it lists is one the server gives, and every method
 * or path it does not list is one the server refuses. Then every request of the second security review, sent as an
 * attacker would, over a raw socket where the exact bytes matter, so that each finding stays fixed on every server:
 * paths that read as excluded ones, hostile login bodies, duplicate refresh cookies, WADL, security headers. One class,
 * so that the server starts once for both.
 */
class ApiSurfaceIT extends ServerTest {

    /** The scraper's secret, which failsafe gives every server it starts as AUTH_METRICS_TOKEN. */
    private static final String SCRAPER_SECRET = "scraper-secret-of-the-tests-0123456789";

    /** The methods JAX-RS dispatches by annotation; HEAD and OPTIONS, which it also answers on its own, apart. */
    private static final List<String> ANNOTATED_METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH");

    /**
     * The answers that this suite cannot provoke, with why: they are listed so that the document cannot gain an answer
     * that nothing here provokes without this list saying so.
     */
    private static final Map<String, String> NOT_PROVOKED_HERE = Map.of(
            "POST /api/auth/login 503", "needs the database or identity store down: OutagePostgresIT, IdentityLdapIT",
            "POST /api/auth/refresh 503", "needs the database down (OutagePostgresIT) or 64 refreshes queued for 10 s",
            "POST /api/auth/logout 503", "needs the database down: OutagePostgresIT",
            "GET /api/auth/sessions 503", "needs the database down: OutagePostgresIT",
            "DELETE /api/auth/sessions 503", "needs the database down: OutagePostgresIT",
            "DELETE /api/auth/sessions/{id} 503", "needs the database down: OutagePostgresIT",
            "GET /api/auth/metrics 404", "needs a server without AUTH_METRICS_TOKEN; failsafe gives it to every one");

    /**
     * How the servers change the document they serve, as JSON pointers, and who does: nothing else may differ. (WildFly
     * also writes each path with the WAR's context root in front: see {@link #withoutContextRoot}.)
     */
    private static final Map<String, String> SERVER_CHANGES = Map.of(
            "added /servers", "Payara and WildFly name where the WAR lies",
            "added /endpoints", "Payara lists the paths by context root",
            "added /externalDocs", "WildFly (SmallRye OpenAPI) adds it",
            "added /info/contact", "WildFly (SmallRye OpenAPI) adds it",
            "missing /paths/~1api~1auth~1login/post/requestBody/required", "WildFly (SmallRye OpenAPI) drops it");

    private static final String LOGIN = "api/auth/login";
    private static final String REFRESH = "api/auth/refresh";
    private static final String LOGOUT = "api/auth/logout";
    private static final String SESSIONS = "api/auth/sessions";
    private static final String PREFLIGHT_ORIGIN = "https://app.example.test";

    /** Paths, relative to the context root, that the container may read as an excluded one, each sent as written. */
    private static final List<String> EXCLUDED_LOOKALIKES = List.of(
            // the review's four, with a team resource whose template matches many segments
            "api/files/a/../../auth/jwks",
            "api/files/a/b/../../../auth/login",
            "api/files/a;/../../auth/jwks",
            "api/files/a/%2e%2e/%2e%2e/auth/jwks",
            // the same in other spellings
            "api/files/a/%2E%2E/%2E%2E/auth/jwks",
            "api/files/a/.%2e/%2E./auth/jwks",
            "api/files/a/%252e%252e/%252e%252e/auth/jwks",
            "api/files/a/%252E%252E/%252E%252E/auth/jwks",
            "api/files/a%2f..%2f..%2fauth%2fjwks",
            "api/files/a%2F..%2F..%2Fauth%2Fjwks",
            "api/files/a\\..\\..\\auth\\jwks",
            "api/files/a%5c..%5c..%5cauth%5cjwks",
            "api/files/a%5C..%5C..%5Cauth%5Cjwks",
            "api/files/a/../../auth/jwks;",
            "api/files/a/../../auth/jwks;jsessionid=x",
            "api/files/a/..;/..;/auth/jwks",
            "api/files/./../auth/refresh",
            "api/files/a/../../auth/logout",
            "api/files/a/%c0%ae%c0%ae/%c0%ae%c0%ae/auth/jwks",
            "api/files//../auth/jwks",
            // a template of three segments, which the raw path matches with a = ".."
            "api/tree/../auth/jwks",
            "api/tree/%2e%2e/auth/jwks",
            "api/tree/%2E%2E/auth/jwks",
            "api/tree/.%2E/auth/jwks",
            "api/tree/%252e%252e/auth/jwks",
            "api/tree/..;/auth/jwks",
            "api/tree/..%5c/auth/jwks",
            "api/tree/..\\/auth/jwks",
            "api/tree/../auth/login",
            // the shipped resources
            "api/me;/../auth/jwks",
            "api/me/../auth/jwks",
            "api/auth/sessions;/../jwks",
            "api/auth/sessions/../jwks;");

    private final ApiDescription description = ApiDescription.checkedIn();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    /**
     * The server's /openapi, at the root of the host, is the checked-in file, but for {@link #SERVER_CHANGES}: nothing
     * scanned is added (mp.openapi.scan.disable).
     * Here the WAR lies below a context root of its own; deployed at /, Payara adds its OpenAPI servlet to the WAR
     * itself, at /openapi/*, outside the WAR's /api and beside its pages.
     */
    @Test
    void theServerServesTheCheckedInDocument() {
        for (String[] asked : List.of(new String[] {"/openapi", "Accept", "application/json"},
                new String[] {"/openapi?format=JSON", "Accept", "*/*"})) {
            RawHttp.Response served = RawHttp.send(deployed.getPort(), "GET", asked[0], null, asked[1], asked[2]);
            assertEquals(200, served.status(), asked[0] + ": " + served);
            assertTrue(served.header("Content-Type").orElse("").startsWith("application/json"),
                    asked[0] + ": " + served.headers());
            ApiDescription document = ApiDescription.parse(withoutContextRoot(served.body()));
            assertEquals(description.answers(), document.answers(), "the operations and answers that the server lists");
            List<String> changed = new ArrayList<>(differences("", description.json(), document.json()));
            changed.removeAll(SERVER_CHANGES.keySet());
            assertEquals(List.of(), changed, "the served document, as JSON, but for what the servers change");
        }
    }

    /**
     * The served document with its paths below the context root, as checked in: WildFly writes each path with the
     * WAR's context root in front, where Payara names the WAR's URL in {@code servers}; at context root / they agree.
     */
    private String withoutContextRoot(String served) {
        String contextRoot = deployed.getPath().replaceAll("/+$", "");
        JsonObject document = ApiDescription.parse(served).json();
        var paths = Json.createObjectBuilder();
        document.getJsonObject("paths").forEach((path, item) -> paths.add(
                !contextRoot.isEmpty() && path.startsWith(contextRoot + "/") ? path.substring(contextRoot.length())
                        : path, item));
        return Json.createObjectBuilder(document).add("paths", paths).build().toString();
    }

    /**
     * Every answer in the document, provoked on the running server, with the headers and body the document promises.
     * The scenarios and the document list the same answers: neither can gain one that the other lacks.
     */
    @Test
    void everyDocumentedAnswerIsWhatTheServerAnswers() {
        Map<String, Scenario> scenarios = scenarios();
        Set<String> documented = description.answers();
        Set<String> provoked = new TreeSet<>(documented);
        provoked.removeAll(NOT_PROVOKED_HERE.keySet());
        assertTrue(documented.containsAll(NOT_PROVOKED_HERE.keySet()),
                "answers not provoked here that the document no longer lists: " + minus(NOT_PROVOKED_HERE.keySet(),
                        documented));
        assertEquals(provoked, new TreeSet<>(scenarios.keySet()), "documented answers and scenarios");

        List<Executable> checks = new ArrayList<>();
        for (Map.Entry<String, Scenario> scenario : scenarios.entrySet()) {
            checks.add(() -> conforms(scenario.getKey(), scenario.getValue().run(api())));
        }
        assertAll("each documented answer", checks);
    }

    /**
     * On every documented path, every method the document does not list is refused with 405 and an Allow header that
     * names exactly the documented methods (HEAD and OPTIONS aside, which runtimes add as they like); HEAD answers as
     * GET does where GET is listed; OPTIONS, where the document lists none, is the runtime's own answer, with that
     * Allow.
     */
    @Test
    void everyOtherMethodOfADocumentedPathIsNotAllowed() {
        // With a token, so that the bearer filter lets every request through to JAX-RS, whose answer this is.
        String[] bearer = {"Authorization", "Bearer " + accessToken(TestUsers.OTHER_USER,
                TestUsers.OTHER_USER_PASSWORD)};
        List<Executable> checks = new ArrayList<>();
        for (String path : description.paths()) {
            Set<String> documented = description.methods(path);
            String target = deployed.getPath() + concrete(path).substring(1);
            for (String method : ANNOTATED_METHODS) {
                if (!documented.contains(method)) {
                    checks.add(() -> {
                        RawHttp.Response refused = RawHttp.send(deployed.getPort(), method, target, "", bearer);
                        String what = method + " " + path;
                        assertEquals(405, refused.status(), what + ": " + refused);
                        assertEquals("method_not_allowed", error(refused.body()), what);
                        assertEquals(plain(documented), plain(allowed(refused)), what + ": Allow");
                    });
                }
            }
            checks.add(() -> {
                RawHttp.Response head = RawHttp.send(deployed.getPort(), "HEAD", target, null, bearer);
                int expected = documented.contains("GET")
                        ? RawHttp.send(deployed.getPort(), "GET", target, null, bearer).status() : 405;
                assertEquals(expected, head.status(), "HEAD " + path + ": " + head);
                assertEquals("", head.body(), "HEAD " + path);
            });
            if (!documented.contains("OPTIONS")) {
                checks.add(() -> {
                    RawHttp.Response options = RawHttp.send(deployed.getPort(), "OPTIONS", target, null, bearer);
                    assertEquals(2, options.status() / 100, "OPTIONS " + path + ": " + options);
                    assertEquals(plain(documented), plain(allowed(options)), "OPTIONS " + path + ": Allow");
                });
            }
        }
        assertAll("methods the document does not list", checks);
    }

    /** A path under /api that the document does not list is not found, whatever the method and with a token. */
    @Test
    void everyOtherPathIsNotFound() {
        String[] bearer = {"Authorization", "Bearer " + accessToken(TestUsers.OTHER_USER,
                TestUsers.OTHER_USER_PASSWORD)};
        List<Executable> checks = new ArrayList<>();
        for (String path : List.of("/api/auth/nothing", "/api/nothing", "/api/auth", "/api",
                "/api/auth/sessions/some-id/more", "/api/me/more", "/api/auth/jwks/more")) {
            for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD")) {
                checks.add(() -> {
                    RawHttp.Response answer = RawHttp.send(deployed.getPort(), method,
                            deployed.getPath() + path.substring(1), method.equals("HEAD") ? null : "", bearer);
                    assertEquals(404, answer.status(), method + " " + path + ": " + answer);
                    if (!method.equals("HEAD")) {
                        assertEquals("not_found", error(answer.body()), method + " " + path);
                    }
                });
            }
        }
        assertAll("paths the document does not list", checks);
    }

    /** One request that makes the server give one documented answer. */
    @FunctionalInterface
    interface Scenario {
        Reply run(Api api);
    }

    /** How to make the server give each documented answer, keyed as {@link ApiDescription#answers()}. */
    private Map<String, Scenario> scenarios() {
        Map<String, Scenario> scenarios = new TreeMap<>();
        scenarios.put("POST /api/auth/login 200", api -> api.login(TestUsers.USER, TestUsers.USER_PASSWORD));
        scenarios.put("POST /api/auth/login 400", api -> api.post(LOGIN, "application/json", "{\"username\":\"ben\"}"));
        // A user that does not exist, so that no test user's count of failures grows.
        scenarios.put("POST /api/auth/login 401", api -> api.login("nobody-described", "guess"));
        scenarios.put("POST /api/auth/login 403", api -> api.rawPost(LOGIN, "application/json",
                loginBody(TestUsers.USER, TestUsers.USER_PASSWORD)));
        scenarios.put("POST /api/auth/login 413", api -> api.post(LOGIN, "application/json",
                "{\"username\":\"ben\",\"password\":\"" + "x".repeat(5000) + "\"}"));
        scenarios.put("POST /api/auth/login 415", api -> api.post(LOGIN, "application/x-www-form-urlencoded",
                "username=ben&password=ben-password-1"));
        scenarios.put("POST /api/auth/login 429", api -> {
            // auth.login.max-failures is 5 in the WAR as built; the sixth attempt is not even checked.
            for (int i = 0; i < 5; i++) {
                assertEquals(401, api.login("locked-out-described", "guess").status());
            }
            return api.login("locked-out-described", "guess");
        });
        scenarios.put("OPTIONS /api/auth/login 204", api -> api.options(LOGIN));

        scenarios.put("POST /api/auth/refresh 200", api -> api.withCookie(REFRESH, cookie(api)));
        scenarios.put("POST /api/auth/refresh 400", api -> api.post(REFRESH, null, null, "Cookie", twice(api)));
        scenarios.put("POST /api/auth/refresh 401", api -> api.post(REFRESH, null, null));
        scenarios.put("POST /api/auth/refresh 403", api -> api.rawPost(REFRESH, null, null,
                "Cookie", "refresh_token=" + cookie(api)));
        scenarios.put("OPTIONS /api/auth/refresh 204", api -> api.options(REFRESH,
                "Origin", PREFLIGHT_ORIGIN, "Access-Control-Request-Method", "POST"));

        scenarios.put("POST /api/auth/logout 204", api -> api.withCookie(LOGOUT, cookie(api)));
        scenarios.put("POST /api/auth/logout 400", api -> api.post(LOGOUT, null, null, "Cookie", twice(api)));
        scenarios.put("POST /api/auth/logout 403", api -> api.post(LOGOUT, null, null,
                "Cookie", "refresh_token=" + cookie(api), "Sec-Fetch-Site", "cross-site"));
        scenarios.put("OPTIONS /api/auth/logout 204", api -> api.options(LOGOUT));

        scenarios.put("GET /api/auth/jwks 200", api -> api.get("api/auth/jwks"));
        scenarios.put("OPTIONS /api/auth/jwks 204", api -> api.options("api/auth/jwks"));

        scenarios.put("GET /api/auth/sessions 200", api -> api.get(SESSIONS, bearer(api)));
        scenarios.put("GET /api/auth/sessions 401", api -> api.get(SESSIONS));
        scenarios.put("DELETE /api/auth/sessions 204", api -> api.delete(SESSIONS, bearer(api)));
        scenarios.put("DELETE /api/auth/sessions 401", api -> api.delete(SESSIONS, "Authorization", "Bearer x.y.z"));
        // A preflight carries no token; a plain OPTIONS without one is refused like any other request.
        scenarios.put("OPTIONS /api/auth/sessions 204", api -> api.options(SESSIONS,
                "Origin", PREFLIGHT_ORIGIN, "Access-Control-Request-Method", "DELETE"));
        scenarios.put("OPTIONS /api/auth/sessions 401", api -> api.options(SESSIONS));

        scenarios.put("DELETE /api/auth/sessions/{id} 204", api -> {
            bearer(api);
            String[] bearer = bearer(api);
            return api.delete(SESSIONS + "/" + otherSessionIds(api, bearer).get(0), bearer);
        });
        scenarios.put("DELETE /api/auth/sessions/{id} 401", api -> api.delete(SESSIONS + "/some-id"));
        scenarios.put("DELETE /api/auth/sessions/{id} 404", api -> api.delete(SESSIONS + "/no-such-session",
                bearer(api)));
        scenarios.put("OPTIONS /api/auth/sessions/{id} 204", api -> api.options(SESSIONS + "/some-id",
                "Origin", PREFLIGHT_ORIGIN, "Access-Control-Request-Method", "DELETE"));
        scenarios.put("OPTIONS /api/auth/sessions/{id} 401", api -> api.options(SESSIONS + "/some-id"));

        scenarios.put("GET /api/auth/metrics 200", api -> api.get("api/auth/metrics",
                "Authorization", "Bearer " + SCRAPER_SECRET));
        scenarios.put("GET /api/auth/metrics 401", api -> api.get("api/auth/metrics",
                "Authorization", "Bearer not-" + SCRAPER_SECRET));

        scenarios.put("GET /api/me 200", api -> api.get("api/me", bearer(api)));
        scenarios.put("GET /api/me 401", api -> api.get("api/me"));
        return scenarios;
    }

    /**
     * The reply is the documented answer: its status, each header the document names, a media type it lists (or no
     * body where it lists none), and the module's JSON error where it promises one.
     */
    private void conforms(String answer, Reply reply) {
        String[] key = answer.split(" ");
        JsonObject response = description.response(key[1], key[0], key[2]);
        assertEquals(Integer.parseInt(key[2]), reply.status(), answer + ": " + reply.body());
        for (String header : description.headers(response)) {
            assertTrue(reply.header(header).isPresent(), answer + ": header " + header + " in "
                    + reply.response().headers().map().keySet());
        }
        Set<String> mediaTypes = description.mediaTypes(response).stream().map(ApiSurfaceIT::baseType)
                .collect(Collectors.toSet());
        if (mediaTypes.isEmpty()) {
            assertEquals("", reply.body(), answer + ": no body");
        } else {
            String type = reply.header("Content-Type").map(ApiSurfaceIT::baseType).orElse(null);
            assertTrue(mediaTypes.contains(type), answer + ": Content-Type " + type + ", documented " + mediaTypes);
        }
        if (description.isError(response)) {
            JsonObject error = reply.json();
            assertTrue(error.getString("error", "").matches("[a-z_]+"), answer + ": " + error);
            assertTrue(!error.getString("error_description", "").isBlank(), answer + ": " + error);
        }
    }

    private static String baseType(String mediaType) {
        return mediaType.split(";")[0].strip().toLowerCase(Locale.ROOT);
    }

    private static String loginBody(String username, String password) {
        return Json.createObjectBuilder().add("username", username).add("password", password).build().toString();
    }

    /** A fresh login's refresh token, so that no scenario depends on another's. */
    private static String cookie(Api api) {
        return api.login(TestUsers.USER, TestUsers.USER_PASSWORD).refreshCookie().value();
    }

    private static String twice(Api api) {
        return "refresh_token=" + cookie(api) + "; refresh_token=" + cookie(api);
    }

    /** The Authorization header of a fresh login of the admin, whose sessions only the sessions scenarios end. */
    private static String[] bearer(Api api) {
        Reply login = api.login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        assertEquals(200, login.status(), login.body());
        return new String[] {"Authorization", "Bearer " + login.json().getString("access_token")};
    }

    private String accessToken(String user, String password) {
        Reply login = api().login(user, password);
        assertEquals(200, login.status(), login.body());
        return login.json().getString("access_token");
    }

    /** The caller's sessions but the one of this access token. */
    private static List<String> otherSessionIds(Api api, String... bearer) {
        return api.get(SESSIONS, bearer).jsonArray().getValuesAs(JsonObject.class).stream()
                .filter(session -> !session.getBoolean("current")).map(session -> session.getString("id")).toList();
    }

    private static String concrete(String path) {
        return path.replace("{id}", "some-session-id");
    }

    private static String error(String body) {
        return Json.createReader(new StringReader(body)).readObject().getString("error");
    }

    /** The methods of an Allow header. */
    private static Set<String> allowed(RawHttp.Response response) {
        Optional<String> allow = response.header("Allow");
        assertTrue(allow.isPresent(), "Allow in " + response.headers());
        return Arrays.stream(allow.get().split(",")).map(String::strip).filter(m -> !m.isEmpty())
                .collect(Collectors.toSet());
    }

    /** Without HEAD and OPTIONS, which the runtimes add to an Allow header each in their own way. */
    private static Set<String> plain(Set<String> methods) {
        Set<String> plain = new TreeSet<>(methods);
        plain.removeAll(Set.of("HEAD", "OPTIONS"));
        return plain;
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> rest = new TreeSet<>(a);
        rest.removeAll(b);
        return rest;
    }

    /** Where two JSON values differ, as JSON pointers, so that a failure says what the server changed. */
    private static List<String> differences(String pointer, JsonValue expected, JsonValue actual) {
        if (expected instanceof JsonObject e && actual instanceof JsonObject a) {
            List<String> found = new ArrayList<>();
            Set<String> names = new TreeSet<>(e.keySet());
            names.addAll(a.keySet());
            Function<String, String> child = name -> pointer + "/" + name.replace("~", "~0").replace("/", "~1");
            for (String name : names) {
                if (!a.containsKey(name)) {
                    found.add("missing " + child.apply(name));
                } else if (!e.containsKey(name)) {
                    found.add("added " + child.apply(name));
                } else {
                    found.addAll(differences(child.apply(name), e.get(name), a.get(name)));
                }
            }
            return found;
        }
        return expected.equals(actual) ? List.of() : List.of("changed " + pointer + ": " + expected + " -> " + actual);
    }

    // The second security review's requests.

    private String target(String relative) {
        return deployed.getPath() + relative;
    }

    private RawHttp.Response raw(String method, String relative, String body, String... headers) {
        return RawHttp.send(deployed.getPort(), method, target(relative), body, headers);
    }

    /** Review finding 1: the filter decided on the normalised path, JAX-RS matched the path as sent. */
    @Test
    void noSpellingOfAnExcludedPathReachesAResourceWithoutAToken() {
        List<String> notRefused = new ArrayList<>();
        for (String path : EXCLUDED_LOOKALIKES) {
            RawHttp.Response response = raw("GET", path, null);
            // Refused for its form, before the exclusion or JAX-RS could read it: a 401 or 404 would mean one of them
            // was asked, and the other layer alone stood in the way.
            if (response.status() != 400 || response.body().contains(TeamFilesResource.REACHED)) {
                notRefused.add(path + " -> " + response);
            }
        }
        assertEquals(List.of(), notRefused, "not refused as a non-canonical path");
    }

    @Test
    void theTeamResourcesAnswerTheirOwnPathsWithATokenOnly() {
        String token = api().login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD).json().getString("access_token");
        for (String path : List.of("api/files/a/b/c.txt", "api/tree/x/y/z")) {
            assertEquals(401, raw("GET", path, null).status(), path);
            RawHttp.Response answered = raw("GET", path, null, "Authorization", "Bearer " + token);
            assertEquals(200, answered.status(), path + ": " + answered);
            assertTrue(answered.body().contains(TeamFilesResource.REACHED + " ") && answered.body()
                    .endsWith(" as " + TestUsers.ADMIN), answered.body());
        }
        RawHttp.Response dotted = raw("GET", "api/files/a/../b", null, "Authorization", "Bearer " + token);
        assertEquals(400, dotted.status(), "refused before any decision, token or not: " + dotted);
        assertEquals("no-store", dotted.header("Cache-Control").orElseThrow());
        assertTrue(dotted.body().contains("\"invalid_request\""), dotted.body());
        assertEquals(200, raw("GET", "api/auth/jwks", null).status(), "the excluded paths themselves stay open");
    }

    /** A preflight goes on without a token for the runtime to answer; it must not run a resource's own OPTIONS. */
    @Test
    void aPreflightWithoutATokenRunsNoResourceCode() {
        RawHttp.Response toTeam = raw("OPTIONS", "api/files/report.pdf", null, "Origin", "https://app.example.test",
                "Access-Control-Request-Method", "GET");
        assertEquals(401, toTeam.status(), toTeam.toString());
        assertFalse(toTeam.body().contains(TeamFilesResource.REACHED));
        RawHttp.Response toMe = raw("OPTIONS", "api/me", null, "Origin", "https://app.example.test",
                "Access-Control-Request-Method", "GET");
        assertEquals(2, toMe.status() / 100, "the runtime answers a preflight itself: " + toMe);
        String token = api().login(TestUsers.USER, TestUsers.USER_PASSWORD).json().getString("access_token");
        RawHttp.Response withToken = raw("OPTIONS", "api/files/report.pdf", null, "Authorization", "Bearer " + token);
        assertTrue(withToken.body().contains(TeamFilesResource.REACHED + " OPTIONS"), withToken.toString());
    }

    /**

     * Review finding 5: the throttle counted alice, alıce and alİce apart, though a case-insensitive store does not.

     */
    @Test
    void spellingsOfOneUsernameShareOneCountOfFailures() {
        Api api = api();
        for (String spelling : List.of("alice", "alıce", "alİce", "ALİCE", "\uff41\uff4c\uff49\uff43\uff45")) {
            assertEquals(401, api.login(spelling, "guess").status(), spelling);
        }
        Reply locked = api.login("AlIcE", "guess");
        assertEquals(429, locked.status(), "five failures of one user in five spellings: " + locked.body());
        assertEquals("too_many_requests", locked.json().getString("error"));
    }

    /** Review finding 2: these bodies answered 500 with about 75 KB of stack trace each, before the throttle. */
    @Test
    void hostileLoginBodiesAreBadRequestsAndLeaveNoTraceInTheLog() {
        Api api = api();
        int logBefore = api.get("test-support/log").body().length();
        String nested = "[".repeat(2000) + "]".repeat(2000);
        for (String body : List.of(nested, "{\"username\":\"ada\",\"password\":\"x\",\"a\":" + nested + "}",
                "{\"username\":\"ada\",\"password\":\"x\",\"n\":1e9999999999}", "{\"username\":1e9999999999}",
                "{\"username\":\"ada\",\"password\":-1E-9999999999}",
                "{\"username\":\"ada\",\"username\":\"ben\",\"password\":\"x\"}")) {
            Reply reply = api.post("api/auth/login", "application/json", body);
            assertEquals(400, reply.status(), body.substring(0, Math.min(60, body.length())) + ": " + reply.body());
            assertEquals("invalid_request", reply.json().getString("error"));
        }
        String logged = api.get("test-support/log").body().substring(logBefore);
        assertFalse(logged.contains("SEVERE") || logged.contains("\tat "), "no stack trace, no SEVERE: " + logged);
    }

    /** Review finding 4: with two refresh cookies the last one won. */
    @Test
    void aRequestWithTheRefreshCookieTwiceIsRefusedAndChangesNothing() {
        Api api = api();
        SetCookie alice = api.login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD).refreshCookie();
        SetCookie bob = api.login(TestUsers.USER, TestUsers.USER_PASSWORD).refreshCookie();
        for (String endpoint : List.of("api/auth/refresh", "api/auth/logout")) {
            for (String cookies : List.of("refresh_token=" + alice.value() + "; refresh_token=" + bob.value(),
                    "refresh_token=" + alice.value() + "; refresh_token=garbage",
                    "refresh_token=" + alice.value() + "; other=1; refresh_token=" + alice.value())) {
                Reply refused = api.post(endpoint, null, null, "Cookie", cookies);
                assertEquals(400, refused.status(), endpoint + " " + refused.body());
                assertEquals("invalid_request", refused.json().getString("error"));
                assertTrue(refused.headers("Set-Cookie").isEmpty(), "no cookie cleared or set: " + refused
                        .headers("Set-Cookie"));
                AuthAsserts.assertNoStore(refused);
            }
            RawHttp.Response twoHeaders = raw("POST", endpoint, "", "X-Requested-With", "fetch",
                    "Cookie", "refresh_token=" + bob.value(), "Cookie", "refresh_token=" + alice.value());
            assertEquals(400, twoHeaders.status(), "in two Cookie headers too: " + twoHeaders);
        }
        Reply aliceRefresh = api.withCookie("api/auth/refresh", alice.value());
        assertEquals(200, aliceRefresh.status(), "nothing was consumed or revoked");
        assertEquals(TestUsers.ADMIN, KeyRotationIT.claims(aliceRefresh.json().getString("access_token"))
                .getString("sub"));
        assertEquals(200, api.withCookie("api/auth/refresh", bob.value()).status());
        String logged = api.get("test-support/log").body();
        assertTrue(logged.contains("carried the refresh cookie 2 times"), "the event is logged");
        assertFalse(logged.contains(alice.value()) || logged.contains(bob.value()), "without values");
    }

    /** Also found: an unauthenticated CORS preflight to a protected path was answered with Jersey's WADL. */
    @Test
    void noWadlDescribesTheApi() {
        Api api = api();
        Reply preflight = api.options("api/me", "Origin", "https://evil.example", "Access-Control-Request-Method",
                "GET");
        assertFalse(preflight.body().contains("wadl") || preflight.body().contains("<application"), preflight.body());
        assertFalse(preflight.header("Content-Type").orElse("").contains("wadl"));
        String token = api.login(TestUsers.USER, TestUsers.USER_PASSWORD).json().getString("access_token");
        Reply wadl = api.get("api/application.wadl", "Authorization", "Bearer " + token);
        assertEquals(404, wadl.status(), wadl.body());
    }

    /** Also found: security headers came only from a meta tag of the demo page. */
    @Test
    void thePageAndTheApiCarrySecurityHeaders() {
        Api api = api();
        for (String path : List.of("", "index.html", "token-client.js", "api/me", "api/auth/jwks", "api/auth/login",
                "api/files/a/../b")) {
            RawHttp.Response response = raw("GET", path, null);
            assertEquals("nosniff", response.header("X-Content-Type-Options").orElse(null), path);
            assertEquals("no-referrer", response.header("Referrer-Policy").orElse(null), path);
            String policy = response.header("Content-Security-Policy").orElse("");
            if (path.startsWith("api/")) {
                assertTrue(policy.startsWith("default-src 'none'") && policy.contains("frame-ancestors 'none'"),
                        path + ": " + policy);
            } else {
                assertTrue(policy.contains("script-src 'self'") && policy.contains("frame-ancestors 'none'")
                        && !policy.contains("unsafe-inline"), path + ": " + policy);
            }
            assertFalse(response.header("Strict-Transport-Security").isPresent(), "not over plain HTTP: " + path);
        }
        assertEquals(1, api.get("api/me").headers("Content-Security-Policy").size(), "one policy, not two");
    }
}
