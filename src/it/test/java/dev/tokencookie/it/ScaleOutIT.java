package dev.tokencookie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokencookie.it.support.Api.Reply;
import dev.tokencookie.it.support.MicroProcess;
import dev.tokencookie.it.support.PostgresServer;
import dev.tokencookie.it.support.ServerProcess;
import dev.tokencookie.testing.DpopProver;
import jakarta.json.JsonObject;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two Payara Micro nodes on loopback, the same WAR, one PostgreSQL and nothing else shared (no clustering, no sticky
 * sessions): they act as one issuer, and a session ended on one node stops working on both within the propagation time.
 */
@Tag("scale-out")
@ExtendWith(PostgresServer.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

    static final Duration PROPAGATION = Duration.ofSeconds(5);
    /** Short, to keep the reuse test short; long enough for a refresh that B dropped to be retried on A. */
    static final Duration LEEWAY = Duration.ofSeconds(5);
    /** For the HTTP round trips around the measured interval, on a loaded 2-core machine. */
    static final Duration MARGIN = Duration.ofSeconds(1);
    /** The URL the nodes' clients use, as a load balancer in front of both would have it. */
    static final String PUBLIC_URL = "https://auth.example.com";

    private static MicroProcess a;
    private static MicroProcess b;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        Map<String, String> environment = Map.of(
                "AUTH_DB_URL", "jdbc:postgresql://localhost:" + Integer.getInteger("it.postgres.port", 55432)
                        + "/postgres",
                "AUTH_DB_USER", "postgres",
                "AUTH_DB_PASSWORD", "postgres",
                "AUTH_REVOCATION_PROPAGATION", PROPAGATION.toString(),
                "AUTH_REFRESH_TOKEN_REUSE_LEEWAY", LEEWAY.toString(),
                // Logins with a proof are bound; the tests above send none and get bearer tokens as before.
                "AUTH_DPOP", "allowed",
                "AUTH_DPOP_NONCES", "true",
                // As behind a load balancer: proofs name one public URL, whichever node takes the request.
                "AUTH_PUBLIC_URL", PUBLIC_URL);
        Path war = Path.of(System.getProperty("war.file", "target/token-cookie-auth.war"));
        // Both at once on an empty database, as a rollout of two fresh nodes would: tables and the first key race.
        ExecutorService starter = Executors.newFixedThreadPool(2);
        try {
            Future<MicroProcess> first = starter.submit(() -> MicroProcess.start(ServerProcess.freePort(),
                    Path.of("target", "scale-out-a"), war, environment));
            Future<MicroProcess> second = starter.submit(() -> MicroProcess.start(ServerProcess.freePort(),
                    Path.of("target", "scale-out-b"), war, environment));
            try {
                a = first.get(240, TimeUnit.SECONDS);
            } finally {
                // Assigned even when A failed to start, so that @AfterAll stops it rather than leave it running.
                b = second.get(240, TimeUnit.SECONDS);
            }
        } finally {
            starter.shutdown();
        }
    }

    @AfterAll
    static void stopNodes() throws InterruptedException {
        for (MicroProcess node : new MicroProcess[] {a, b}) {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    @Order(1)
    void aLoginOnOneNodeIsHonouredByTheOtherWithTheSameKeys() {
        Reply jwksA = a.api().get("api/auth/jwks");
        assertEquals(200, jwksA.status());
        assertEquals(jwksA.json(), b.api().get("api/auth/jwks").json(), "one key set, from the shared table");

        Reply login = a.api().login("alice", "alice-password-1");
        assertEquals(200, login.status(), login.body());
        Reply me = b.api().get("api/me", "Authorization", bearer(login));
        assertEquals(200, me.status(), me.body());
        assertEquals("alice", me.json().getString("name"));

        Reply refreshed = b.api().withCookie("api/auth/refresh", login.refreshCookie().value());
        assertEquals(200, refreshed.status(), refreshed.body());
        assertEquals(200, a.api().get("api/me", "Authorization", bearer(refreshed)).status());
        assertEquals(200, a.api().withCookie("api/auth/refresh", refreshed.refreshCookie().value()).status(),
                "the cookie that B issued refreshes on A");
    }

    @Test
    @Order(2)
    void aCookieRefreshedOnOneNodeIsReuseOnTheOtherAndEndsTheSessionOnBoth() throws Exception {
        Reply login = a.api().login("bob", "bob-password-1");
        Reply onB = b.api().withCookie("api/auth/refresh", login.refreshCookie().value());
        assertEquals(200, onB.status(), onB.body());
        assertEquals(200, a.api().get("api/me", "Authorization", bearer(onB)).status());

        Thread.sleep(LEEWAY.plusMillis(500).toMillis());
        long caught = System.nanoTime();
        Reply replayed = a.api().withCookie("api/auth/refresh", login.refreshCookie().value());
        assertEquals(401, replayed.status(), "the old cookie after the leeway is reuse, though A never saw it used");
        assertEquals(401, b.api().withCookie("api/auth/refresh", onB.refreshCookie().value()).status(),
                "the whole session is revoked, on B too");
        assertEquals(401, a.api().get("api/me", "Authorization", bearer(onB)).status(), "at once where it was caught");
        assertRefusedWithinPropagation(b, bearer(onB), caught);
    }

    @Test
    @Order(3)
    void aLogoutOrARevokedSessionStopsItsAccessTokensOnEveryNodeWithinThePropagationTime() throws Exception {
        Reply login = a.api().login("alice", "alice-password-1");
        // B has verified (and cached) the token before the logout.
        assertEquals(200, b.api().get("api/me", "Authorization", bearer(login)).status());
        long loggedOut = System.nanoTime();
        assertEquals(204, a.api().withCookie("api/auth/logout", login.refreshCookie().value()).status());
        assertEquals(401, a.api().get("api/me", "Authorization", bearer(login)).status());
        assertRefusedWithinPropagation(b, bearer(login), loggedOut);

        // A session ended from the other device's list, on B: its token stops on A.
        Reply phone = a.api().login("alice", "alice-password-1", "User-Agent", "phone");
        Reply laptop = b.api().login("alice", "alice-password-1", "User-Agent", "laptop");
        assertEquals(200, a.api().get("api/me", "Authorization", bearer(phone)).status());
        String phoneSession = b.api().get("api/auth/sessions", "Authorization", bearer(laptop)).jsonArray()
                .getValuesAs(JsonObject.class).stream()
                .filter(s -> "phone".equals(s.getString("user_agent"))).findFirst().orElseThrow().getString("id");
        long revoked = System.nanoTime();
        assertEquals(204, b.api().delete("api/auth/sessions/" + phoneSession, "Authorization", bearer(laptop))
                .status());
        assertRefusedWithinPropagation(a, bearer(phone), revoked);
        assertEquals(200, a.api().get("api/me", "Authorization", bearer(laptop)).status(), "the other session goes on");
    }

    @Test
    @Order(4)
    void failedLoginsAreCountedAcrossNodes() {
        // Five failures allowed by default, spread over both nodes as a load balancer would spread them.
        for (int i = 0; i < 5; i++) {
            Reply failed = (i % 2 == 0 ? a : b).api().login("alice", "wrong-password-" + i);
            assertEquals(401, failed.status(), failed.body());
        }
        for (MicroProcess node : new MicroProcess[] {a, b}) {
            Reply locked = node.api().login("alice", "alice-password-1");
            assertEquals(429, locked.status(), "the sixth attempt, on either node");
            assertTrue(locked.header("Retry-After").isPresent());
        }
    }

    /**
     * Clients refresh through both nodes in turn, as a load balancer without sticky sessions spreads them, and B
     * crashes in the middle: the balancer sends what B could not answer to A, and every client stays signed in.
     */
    /**
     * A login bound on one node refreshes and calls on the other; a nonce is good on the node that gave it only, so a
     * proof that one node took cannot be replayed on the other, and each node's memory of proofs is enough.
     */
    @Test
    @Order(5)
    void aLoginBoundOnOneNodeRefreshesOnTheOtherAndAProofIsGoodOnOneNodeOnly() {
        DpopProver key = DpopProver.es256();
        String nonceA = a.api().get("api/me").header("DPoP-Nonce").orElseThrow();
        // Bob: alice is locked out by the test before.
        Reply login = a.api().login("bob", "bob-password-1", "DPoP", key.proof("POST", url("api/auth/login"))
                .claim("nonce", nonceA).sign());
        assertEquals(200, login.status(), login.body());
        assertEquals("DPoP", login.json().getString("token_type"));

        String refreshProofForA = key.proof("POST", url("api/auth/refresh")).claim("nonce", nonceA).sign();
        Reply wrongNode = b.api().rawPost("api/auth/refresh", null, null, "Cookie", "refresh_token="
                + login.refreshCookie().value(), "X-Requested-With", "fetch", "DPoP", refreshProofForA);
        assertEquals(400, wrongNode.status(), "A's nonce on B");
        assertEquals("use_dpop_nonce", wrongNode.json().getString("error"));
        String nonceB = wrongNode.header("DPoP-Nonce").orElseThrow();
        Reply refreshed = b.api().rawPost("api/auth/refresh", null, null, "Cookie", "refresh_token="
                + login.refreshCookie().value(), "X-Requested-With", "fetch", "DPoP", key.proof("POST",
                url("api/auth/refresh")).claim("nonce", nonceB).sign());
        assertEquals(200, refreshed.status(), refreshed.body());
        assertEquals("DPoP", refreshed.json().getString("token_type"), "the session stays bound on the other node");

        String token = refreshed.json().getString("access_token");
        String proofOnA = key.proof("GET", url("api/me")).forToken(token).claim("nonce", nonceA).sign();
        assertEquals(200, a.api().get("api/me", "Authorization", "DPoP " + token, "DPoP", proofOnA).status());
        assertEquals(401, a.api().get("api/me", "Authorization", "DPoP " + token, "DPoP", proofOnA).status(),
                "replayed on the same node");
        Reply replayedOnB = b.api().get("api/me", "Authorization", "DPoP " + token, "DPoP", proofOnA);
        assertEquals(401, replayedOnB.status(), "the proof that A took, replayed on B");
        assertTrue(replayedOnB.header("WWW-Authenticate").orElseThrow().contains("use_dpop_nonce"));
    }

    /** The URL a proof names: the public one, whichever node the request goes to. */
    private static String url(String path) {
        return PUBLIC_URL + "/" + path;
    }

    @Test
    @Order(6)
    void killingANodeDuringARefreshStormLosesNoSession() throws Exception {
        int clients = 12;
        List<String> cookies = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Reply login = (i % 2 == 0 ? a : b).api().login("bob", "bob-password-1");
            assertEquals(200, login.status(), login.body());
            cookies.add(login.refreshCookie().value());
        }
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicInteger failedOver = new AtomicInteger();
        AtomicBoolean bDown = new AtomicBoolean();
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        ExecutorService storm = Executors.newFixedThreadPool(clients);
        List<Future<String>> finalCookies = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            String first = cookies.get(i);
            int client = i;
            finalCookies.add(storm.submit(() -> {
                String cookie = first;
                for (int round = client; System.nanoTime() < end; round++) {
                    MicroProcess node = round % 2 == 0 || bDown.get() ? a : b;
                    Reply reply;
                    try {
                        reply = node.api().withCookie("api/auth/refresh", cookie);
                    } catch (UncheckedIOException e) {
                        // What the balancer does with a connection the node dropped: the same request to the other.
                        failedOver.incrementAndGet();
                        reply = a.api().withCookie("api/auth/refresh", cookie);
                    }
                    statuses.computeIfAbsent(reply.status(), s -> new AtomicInteger()).incrementAndGet();
                    if (reply.status() != 200) {
                        problems.add("client " + client + ": " + reply.status() + " " + reply.body());
                        return null;
                    }
                    cookie = reply.refreshCookie().value();
                }
                return cookie;
            }));
        }
        Thread.sleep(8_000);
        b.kill();
        bDown.set(true);
        storm.shutdown();
        assertTrue(storm.awaitTermination(90, TimeUnit.SECONDS), "the storm ends by itself");

        assertEquals(List.of(), List.copyOf(problems), "every refresh answered 200: " + statuses);
        int refreshes = statuses.get(200).get();
        assertTrue(refreshes > clients * 10, "a storm, not a drizzle: " + refreshes + " refreshes");
        for (Future<String> cookie : finalCookies) {
            Reply stillIn = a.api().withCookie("api/auth/refresh", cookie.get());
            assertEquals(200, stillIn.status(), "no session lost: " + stillIn.body());
            assertEquals(200, a.api().get("api/me", "Authorization", bearer(stillIn)).status());
        }
        System.out.printf("Refresh storm: %d refreshes by %d clients over two nodes, B killed after 8 s,"
                + " %d requests failed over to A, statuses %s%n", refreshes, clients, failedOver.get(), statuses);
    }

    private static void assertRefusedWithinPropagation(MicroProcess node, String bearer, long since)
            throws InterruptedException {
        long deadline = since + PROPAGATION.plus(MARGIN).toNanos();
        Reply reply;
        do {
            reply = node.api().get("api/me", "Authorization", bearer);
            if (reply.status() == 401) {
                assertEquals("invalid_token", reply.json().getString("error"));
                assertEquals("The session of this access token has ended", reply.json().getString("error_description"));
                long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
                System.out.printf("Revocation reached the other node after %d ms%n", took);
                return;
            }
            assertEquals(200, reply.status(), reply.body());
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("Still accepted " + PROPAGATION.plus(MARGIN) + " after the session ended");
    }

    private static String bearer(Reply tokens) {
        return "Bearer " + tokens.json().getString("access_token");
    }
}
