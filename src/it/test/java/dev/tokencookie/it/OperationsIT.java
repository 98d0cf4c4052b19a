package dev.tokencookie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokencookie.it.deployed.SecurityEvents;
import dev.tokencookie.it.deployed.TestUsers;
import dev.tokencookie.it.support.Api;
import dev.tokencookie.it.support.Api.Reply;
import dev.tokencookie.it.support.AuthAsserts;
import dev.tokencookie.it.support.Deployments;
import dev.tokencookie.it.support.Probes;
import dev.tokencookie.it.support.ServerTest;
import dev.tokencookie.shared.control.Sha256;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * What the ops engineer sees of the module: its probes, its metrics for a Prometheus scraper, and the audit trail of
 * security events as log lines and as CDI events a team observes.
 */
class OperationsIT extends ServerTest {

    /** What src/it/pom.xml gives the servers in AUTH_METRICS_TOKEN. */
    private static final String SCRAPER_SECRET = "scraper-secret-of-the-tests-0123456789";
    /**
     * Short, so that a reused refresh token is caught within the test and a seal is swept soon after; long enough for
     * two refreshes in a row, which take well under a second even on a server just started.
     */
    private static final long LEEWAY_MILLIS = 2000;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war(Map.of("auth.refresh-token.reuse-leeway", "PT2S"));
    }

    @Test
    void theMetricsAreForTheScraperOnly() {
        Api api = api();
        Reply anonymous = api.get("api/auth/metrics");
        assertEquals(401, anonymous.status(), anonymous.body());
        assertEquals("Bearer realm=\"metrics\"", anonymous.header("WWW-Authenticate").orElseThrow());
        assertFalse(anonymous.body().contains("auth_logins_total"));

        Reply wrong = api.get("api/auth/metrics", "Authorization", "Bearer " + SCRAPER_SECRET + "x");
        assertEquals(401, wrong.status());
        assertTrue(wrong.header("WWW-Authenticate").orElseThrow().contains("error=\"invalid_token\""));

        String accessToken = api.login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD).json().getString("access_token");
        assertEquals(401, api.get("api/auth/metrics", "Authorization", "Bearer " + accessToken).status(),
                "an access token, even an admin's, is not the scraper's secret");

        Reply scrape = api.get("api/auth/metrics", "Authorization", "Bearer " + SCRAPER_SECRET);
        assertEquals(200, scrape.status(), scrape.body());
        // The parameters' order is the JAX-RS runtime's.
        assertEquals(List.of("charset=utf-8", "text/plain", "version=0.0.4"), Arrays.stream(scrape
                .header("Content-Type").orElseThrow().toLowerCase().split(";")).map(String::strip).sorted().toList());
        assertEquals("no-store", scrape.header("Cache-Control").orElseThrow());
        assertTrue(scrape.body().contains("# TYPE auth_logins_total counter"), scrape.body());
        assertTrue(scrape.body().contains("# TYPE auth_login_seconds summary")
                || scrape.body().contains("# TYPE auth_login_seconds histogram"), scrape.body());
        assertTrue(scrape.body().contains("# TYPE auth_revocation_poll_age_seconds gauge"), scrape.body());
        assertTrue(samples(scrape).get("auth_revocation_poll_age_seconds") < 10, scrape.body());
    }

    @Test
    void everySecurityEventIsCountedLoggedAndObserved() throws Exception {
        Api api = api();
        String agent = "OperationsIT-" + System.nanoTime();
        Map<String, Double> before = metrics();
        int logBefore = api.get("test-support/log").body().length();

        assertEquals(401, api.login(TestUsers.USER, "not-the-password", "User-Agent", agent).status());
        Reply first = api.login(TestUsers.USER, TestUsers.USER_PASSWORD, "User-Agent", agent);
        String token = first.json().getString("access_token");
        String s1 = sid(token);
        assertEquals(401, api.get("api/me").status());
        assertEquals(401, api.get("api/me", "Authorization", "Bearer not-a-token").status());
        assertEquals(200, api.get("api/me", "Authorization", "Bearer " + token).status());
        assertEquals(200, api.get("api/me", "Authorization", "Bearer " + token).status());
        long rotating = System.nanoTime();
        Reply rotated = refresh(api, first.refreshCookie().value(), agent);
        assertEquals(200, rotated.status(), rotated.body());
        Reply again = refresh(api, first.refreshCookie().value(), agent);
        assertEquals(200, again.status(), "again within the leeway, the answer "
                + (System.nanoTime() - rotating) / 1_000_000 + " ms after the rotation was sent: " + again.body());

        String s2 = sid(api.login(TestUsers.USER, TestUsers.USER_PASSWORD, "User-Agent", agent).json()
                .getString("access_token"));
        assertEquals(204, api.delete("api/auth/sessions/" + s2, "Authorization", "Bearer " + token,
                "User-Agent", agent).status());
        String body = Json.createObjectBuilder().add("username", TestUsers.USER)
                .add("password", TestUsers.USER_PASSWORD).build().toString();
        assertEquals(403, api.rawPost("api/auth/login", "application/json", body, "User-Agent", agent).status(),
                "a form posted from another site");

        Reply third = api.login(TestUsers.USER, TestUsers.USER_PASSWORD, "User-Agent", agent);
        String s3 = sid(third.json().getString("access_token"));
        assertEquals(200, refresh(api, third.refreshCookie().value(), agent).status());
        Thread.sleep(LEEWAY_MILLIS + 500);
        assertEquals(401, refresh(api, third.refreshCookie().value(), agent).status(), "reuse after the leeway");
        assertEquals(204, api.post("api/auth/logout", null, null, "Cookie",
                "refresh_token=" + rotated.refreshCookie().value(), "User-Agent", agent).status());

        Map<String, Double> after = metrics();
        Map<String, Double> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("auth_logins_total{outcome=\"success\"}", 3.0),
                Map.entry("auth_logins_total{outcome=\"invalid_credentials\"}", 1.0),
                Map.entry("auth_logins_total{outcome=\"cross_site\"}", 1.0),
                Map.entry("auth_logins_total{outcome=\"throttled\"}", 0.0),
                Map.entry("auth_logins_total{outcome=\"unavailable\"}", 0.0),
                Map.entry("auth_refreshes_total{outcome=\"rotated\"}", 2.0),
                Map.entry("auth_refreshes_total{outcome=\"repeated\"}", 1.0),
                Map.entry("auth_refreshes_total{outcome=\"reuse_detected\"}", 1.0),
                Map.entry("auth_refreshes_total{outcome=\"refused\"}", 0.0),
                Map.entry("auth_logouts_total{outcome=\"success\"}", 1.0),
                Map.entry("auth_sessions_revoked_total{cause=\"user\"}", 1.0),
                Map.entry("auth_sessions_revoked_total{cause=\"reuse\"}", 1.0),
                Map.entry("auth_access_tokens_refused_total{reason=\"missing\"}", 1.0),
                Map.entry("auth_access_tokens_refused_total{reason=\"invalid\"}", 1.0),
                Map.entry("auth_access_tokens_refused_total{reason=\"expired\"}", 0.0),
                Map.entry("auth_login_seconds_count", 4.0),
                Map.entry("auth_refresh_seconds_count", 4.0)));
        Map<String, Double> counted = new TreeMap<>();
        expected.keySet().forEach(name -> counted.put(name, after.get(name) - before.get(name)));
        assertEquals(expected, counted);
        assertTrue(after.get("auth_verified_token_cache_lookups_total{result=\"hit\"}")
                > before.get("auth_verified_token_cache_lookups_total{result=\"hit\"}"), "the second /api/me");

        List<String> expectedEvents = List.of(
                "login invalid_credentials -", "login success " + s1, "refresh rotated " + s1,
                "refresh repeated " + s1, "login success " + s2, "session_revoked success " + s2,
                "login cross_site -", "login success " + s3, "refresh rotated " + s3,
                "refresh reuse_detected " + s3, "logout success " + s1);
        List<String> audited = new ArrayList<>();
        for (String line : api.get("test-support/log").body().substring(logBefore).split("\n")) {
            if (line.startsWith("INFO dev.tokencookie.audit: ") && line.contains(" agent=\"" + agent + "\" ")) {
                audited.add(field(line, "event") + " " + field(line, "outcome") + " " + field(line, "session"));
                assertTrue(line.matches("INFO dev\\.tokencookie\\.audit: time=\\d{4}-\\d\\d-\\d\\dT\\S+Z event=\\S+"
                        + " outcome=\\S+ user=(-|\"[^\"]*\") session=\\S+ client=\\S+ agent=\"[^\"]*\" detail=.*"),
                        line);
                assertFalse(line.contains(TestUsers.USER_PASSWORD) || line.contains(token)
                        || line.contains(first.refreshCookie().value()), "no secret in: " + line);
            }
        }
        assertEquals(expectedEvents, audited, "in the order they happened");

        List<String> observed = waitFor(() -> {
            List<String> seen = new ArrayList<>();
            for (JsonValue value : api.get("test-support/security-events").jsonArray()) {
                JsonObject event = value.asJsonObject();
                if (agent.equals(event.getString("userAgent", null))) {
                    seen.add(event.getString("kind") + " " + event.getString("outcome") + " "
                            + (event.isNull("sessionId") ? "-" : event.getString("sessionId")));
                }
            }
            return seen.size() >= expectedEvents.size() ? seen : null;
        });
        assertEquals(expectedEvents.stream().sorted().toList(), observed.stream().sorted().toList(),
                "each event once; asynchronous observers may see them in another order");
    }

    @Test
    void anObserverThatThrowsOrTakesSecondsChangesNoAnswer() throws Exception {
        Api api = api();
        String agent = "OperationsIT " + SecurityEvents.THROW + " " + SecurityEvents.SLOW + " " + System.nanoTime();

        long started = System.nanoTime();
        Reply login = api.login(TestUsers.USER, TestUsers.USER_PASSWORD, "User-Agent", agent);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(200, login.status(), login.body());
        assertTrue(millis < SecurityEvents.SLOW_MILLIS - 2000, "the login waited for the slow observer: " + millis);
        assertEquals(200, refresh(api, login.refreshCookie().value(), agent).status());
        waitFor(() -> api.get("test-support/security-events").body().contains(agent) ? "" : null);
        waitFor(() -> api.get("test-support/log").body().contains("An observer of SecurityEvent failed") ? "" : null);
    }

    /**
     * Found by review: a sealed successor stayed at rest until the session's next refresh or the hourly purge. And on a
     * re-read: the sweep's grace of 2 s was shorter than a repeat may wait for the session's lock (the query timeout).
     */
    @Test
    void aSealedSuccessorIsErasedAfterItsLeewayAndGraceThoughTheSessionRests() throws Exception {
        Api api = api();
        Reply login = api.login(TestUsers.OTHER_USER, TestUsers.OTHER_USER_PASSWORD);
        Reply refresh = api.withCookie("api/auth/refresh", login.refreshCookie().value());
        // After the answer: the seal's end is the leeway after the rotation's start, by the database's clock.
        long refreshed = System.currentTimeMillis();
        assertEquals(200, refresh.status(), refresh.body());
        String used = Sha256.base64url(login.refreshCookie().value());
        assertTrue(sealed(api, used), "kept for the leeway");

        // 7 s past the seal's end at least, where the old grace of 2 s and a sweep's period (2 s) end at 4: kept, for a
        // repeat still waiting for the session's lock, which may take the query timeout (5 s).
        Thread.sleep(Math.max(0, refreshed + LEEWAY_MILLIS + 7000 - System.currentTimeMillis()));
        assertTrue(sealed(api, used), "kept for the grace, twice the query timeout");

        // The leeway, the grace (10 s), a sweep's period and two seconds' margin.
        long deadline = refreshed + LEEWAY_MILLIS + 10_000 + 2000 + 2000;
        while (sealed(api, used)) {
            assertTrue(System.currentTimeMillis() < deadline, "erased after the leeway, its grace and a sweep");
            Thread.sleep(200);
        }
        assertEquals(200, api.withCookie("api/auth/refresh", refresh.refreshCookie().value()).status(),
                "the session rested, alive");
    }

    /**
     * Background work that guards a database call against runtime exceptions must get one from a commit that failed
     * too: WildFly's @Transactional throws the commit's RollbackException as it is, and a scheduled task that threw
     * one ended for good (the revocation poll did, when PostgreSQL stopped between its query and its commit).
     */
    @Test
    void aTransactionThatFailsAtItsCommitThrowsARuntimeExceptionOnEveryServer() {
        Reply reply = api().post("test-support/commit-failure", "text/plain", "");
        assertEquals(200, reply.status(), reply.body());
        List<String> thrown = reply.json().getJsonArray("thrown").getValuesAs(JsonString::getString);
        assertFalse(thrown.isEmpty(), "the refused commit failed the call");
        assertEquals("jakarta.transaction.TransactionalException", thrown.get(0), reply.body());
        assertTrue(thrown.contains("jakarta.transaction.RollbackException"), "the server's own, as the cause: "
                + reply.body());
    }

    private static boolean sealed(Api api, String hash) {
        return AuthAsserts.rows(api, TestUsers.OTHER_USER).getJsonArray("tokens").getValuesAs(JsonObject.class)
                .stream().filter(t -> t.getString("hash").equals(hash)).findFirst().orElseThrow()
                .getBoolean("sealed");
    }

    @Test
    void theProbesAreUpNamingEachCondition() {
        Reply ready = Probes.readiness(deployed);
        assertEquals(200, ready.status(), ready.body());
        JsonObject check = check(ready);
        assertEquals("UP", check.getString("status"));
        assertEquals(Json.createObjectBuilder().add("database", "UP").add("revocations", "UP")
                .add("signing-key", "UP").build(), check.getJsonObject("data"));

        Reply live = Probes.liveness(deployed);
        assertEquals(200, live.status(), live.body());
        assertEquals(Json.createObjectBuilder().add("background-work", "UP").build(),
                check(live).getJsonObject("data"));
    }

    /** The module's entry among the server's checks. */
    static JsonObject check(Reply health) {
        return health.json().getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .filter(c -> "token-cookie-auth".equals(c.getString("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no token-cookie-auth check in " + health.body()));
    }

    private static Reply refresh(Api api, String cookie, String agent) {
        return api.post("api/auth/refresh", null, null, "Cookie", "refresh_token=" + cookie, "User-Agent", agent);
    }

    private Map<String, Double> metrics() {
        Reply scrape = api().get("api/auth/metrics", "Authorization", "Bearer " + SCRAPER_SECRET);
        assertEquals(200, scrape.status(), scrape.body());
        return samples(scrape);
    }

    /** Sample (name with labels) to value, from the Prometheus text format. */
    static Map<String, Double> samples(Reply scrape) {
        Map<String, Double> samples = new TreeMap<>();
        Arrays.stream(scrape.body().split("\n")).filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(l -> {
            int space = l.lastIndexOf(' ');
            samples.put(l.substring(0, space), Double.parseDouble(l.substring(space + 1)));
        });
        return samples;
    }

    private static String sid(String accessToken) {
        String payload = new String(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]),
                StandardCharsets.UTF_8);
        return Json.createReader(new StringReader(payload)).readObject().getString("sid");
    }

    /** The value of one unquoted field of an audit line. */
    private static String field(String line, String name) {
        int start = line.indexOf(" " + name + "=") + name.length() + 2;
        int end = line.indexOf(' ', start);
        return line.substring(start, end < 0 ? line.length() : end);
    }

    /** Polls for up to 20 s: asynchronous observers run after the answer. */
    private static <T> T waitFor(Supplier<T> condition) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            T result = condition.get();
            if (result != null) {
                return result;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s");
            }
            Thread.sleep(200);
        }
    }
}
