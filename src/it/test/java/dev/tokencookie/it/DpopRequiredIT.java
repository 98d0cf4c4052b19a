package dev.tokencookie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokencookie.it.deployed.TestUsers;
import dev.tokencookie.it.support.Api;
import dev.tokencookie.it.support.Api.Reply;
import dev.tokencookie.it.support.Browsers;
import dev.tokencookie.it.support.DemoPage;
import dev.tokencookie.it.support.Deployments;
import dev.tokencookie.it.support.ServerTest;
import dev.tokencookie.testing.DpopProver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * {@code auth.dpop=required} with server nonces: no login without a proof, no proof without this node's nonce, and
 * the client that signs again with the nonce it was given gets in. Then the demo page in Chromium on the same server:
 * the client makes a key it cannot export, binds the login to it, and what an injected script or a copied cookie jar
 * takes out of the browser opens nothing elsewhere, while a reload and a second tab, which share the key, stay signed
 * in. One class, so that the server starts once for both; its deployment also writes the audit lines to a file of the
 * module's alone.
 */
class DpopRequiredIT extends ServerTest {

    /** On the machine that runs the server, as every server of the suite is. */
    private static final Path AUDIT_DIRECTORY = Path.of("target", "dpop-required-audit").toAbsolutePath();

    private static ChromeDriver browser;

    @TempDir
    static Path profile;

    @Deployment(testable = false)
    static WebArchive deployment() {
        try {
            Files.createDirectories(AUDIT_DIRECTORY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The audit lines in a file of the module's and not in the server's log, as a team that collects the file has
        // them; in this class, because none of its other tests reads audit lines from the server's log.
        return Deployments.war(Map.of("auth.dpop", "required", "auth.dpop.nonces", "true",
                "auth.audit.file", AUDIT_DIRECTORY.resolve("audit.log").toString(), "auth.audit.server-log", "false"));
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private String url(String path) {
        return Deployments.onLocalhost(deployed).resolve(path).toString();
    }

    private String page() {
        return Deployments.onLocalhost(deployed).toString();
    }

    /** The browser tests' start: the demo page, signed out; Chromium starts with the first of them. */
    private void openSignedOut() throws IOException {
        if (browser == null) {
            browser = Browsers.headlessChromium(profile.resolve("chromium"));
        }
        DemoPage.openSignedOut(browser, page());
    }

    @Test
    void withTheServerLogOffTheAuditLinesAreInTheModulesFileAlone() throws Exception {
        Api api = api();
        String agent = "DpopRequiredIT-" + System.nanoTime();
        assertEquals(400, api.login(TestUsers.USER, TestUsers.USER_PASSWORD, "User-Agent", agent).status());

        // Without %g in the setting, java.util.logging numbers the file .0; a server that outlives the deployment
        // appends to what an earlier run wrote, so the line is told by its agent.
        Path file = AUDIT_DIRECTORY.resolve("audit.log.0");
        long deadline = System.currentTimeMillis() + 5000;
        List<String> lines = List.of();
        while (lines.isEmpty() && System.currentTimeMillis() < deadline) {
            lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(line -> line.contains("agent=\"" + agent + "\"")).toList() : List.of();
            Thread.sleep(100);
        }
        assertEquals(1, lines.size(), "the refused login's line in the file: " + lines);
        assertTrue(lines.get(0).matches("time=\\S+Z event=login outcome=invalid_proof user=\"" + TestUsers.USER
                + "\" session=- client=\\S+ agent=.*"), lines.get(0));
        assertFalse(api.get("test-support/log").body().contains(agent), "and nothing of it in the server's log");
    }

    @Test
    void aLoginWithoutAProofIsRefusedAndOnlyDpopIsOffered() {
        Api api = api();
        Reply login = api.login(TestUsers.USER, TestUsers.USER_PASSWORD);
        assertEquals(400, login.status());
        assertEquals("invalid_dpop_proof", login.json().getString("error"));
        assertTrue(login.headers("Set-Cookie").isEmpty());
        Reply anonymous = api.get("api/me");
        assertEquals(List.of("DPoP realm=\"api\", algs=\"ES256 EdDSA\""), anonymous.headers("WWW-Authenticate"));
        assertTrue(anonymous.header("DPoP-Nonce").isPresent(), "every guarded answer gives the nonce");
    }

    @Test
    void aProofWithoutTheNodesNonceIsAnsweredWithOneAndTheRetryGetsIn() {
        Api api = api();
        DpopProver key = DpopProver.es256();
        Reply first = api.login(TestUsers.USER, TestUsers.USER_PASSWORD, "DPoP", key.proof("POST",
                url("api/auth/login")).sign());
        assertEquals(400, first.status());
        assertEquals("use_dpop_nonce", first.json().getString("error"));
        String nonce = first.header("DPoP-Nonce").orElseThrow();

        Reply login = api.login(TestUsers.USER, TestUsers.USER_PASSWORD, "DPoP", key.proof("POST",
                url("api/auth/login")).claim("nonce", nonce).sign());
        assertEquals(200, login.status(), login.body());
        assertEquals("DPoP", login.json().getString("token_type"));
        String token = login.json().getString("access_token");

        Reply withoutNonce = api.get("api/me", "Authorization", "DPoP " + token, "DPoP", key.proof("GET",
                url("api/me")).forToken(token).sign());
        assertEquals(401, withoutNonce.status());
        assertTrue(withoutNonce.header("WWW-Authenticate").orElseThrow().contains("error=\"use_dpop_nonce\""));
        String latest = withoutNonce.header("DPoP-Nonce").orElseThrow();
        Reply me = api.get("api/me", "Authorization", "DPoP " + token, "DPoP", key.proof("GET", url("api/me"))
                .forToken(token).claim("nonce", latest).sign());
        assertEquals(200, me.status(), me.body());

        Reply forged = api.get("api/me", "Authorization", "DPoP " + token, "DPoP", key.proof("GET", url("api/me"))
                .forToken(token).claim("nonce", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").sign());
        assertTrue(forged.header("WWW-Authenticate").orElseThrow().contains("error=\"use_dpop_nonce\""));
    }

    @Test
    void theLoginIsBoundToAKeyTheBrowserCannotExportAndSurvivesReloadAndSecondTab() throws IOException {
        openSignedOut();
        DemoPage.signIn(browser, TestUsers.USER, TestUsers.USER_PASSWORD);

        @SuppressWarnings("unchecked")
        Map<String, Object> key = (Map<String, Object>) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const open = indexedDB.open('token-cookie-auth');
                open.onsuccess = () => {
                    const get = open.result.transaction('keys').objectStore('keys').get('dpop');
                    get.onsuccess = async () => {
                        const pair = get.result;
                        let exported = 'refused';
                        try { await crypto.subtle.exportKey('jwk', pair.privateKey); exported = 'exported'; }
                        catch (e) { exported = e.name; }
                        open.result.close();
                        done({ extractable: pair.privateKey.extractable, algorithm: pair.privateKey.algorithm.name,
                            exported, record: JSON.stringify(pair) });
                    };
                };
                """);
        assertEquals(false, key.get("extractable"));
        assertEquals("ECDSA", key.get("algorithm"));
        assertEquals("InvalidAccessError", key.get("exported"), "no script can read the private key");
        assertTrue(!key.get("record").toString().contains("eyJ"), "the key's record holds no token");

        browser.navigate().refresh();
        DemoPage.waitForText(browser, By.id("me-name"), TestUsers.USER);
        assertEquals(200L, DemoPage.callMe(browser), "a reload keeps the key, and so the login");

        browser.switchTo().newWindow(WindowType.TAB).get(page());
        DemoPage.waitForText(browser, By.id("me-name"), TestUsers.USER);
        assertEquals(200L, DemoPage.callMe(browser), "a second tab shares the key");
    }

    /** What an injected script sees of the page's requests, and a copied cookie jar, replayed from outside. */
    @Test
    void whatAScriptOrACopiedCookieJarTakesOpensNothingElsewhere() throws IOException {
        openSignedOut();
        DemoPage.signIn(browser, TestUsers.OTHER_USER, TestUsers.OTHER_USER_PASSWORD);
        @SuppressWarnings("unchecked")
        Map<String, Object> seen = (Map<String, Object>) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const original = window.fetch;
                let seen = null;
                window.fetch = (input, init) => {
                    const headers = new Headers(init?.headers);
                    if (!seen && headers.get('Authorization')) {
                        seen = { authorization: headers.get('Authorization'), proof: headers.get('DPoP') };
                    }
                    return original(input, init);
                };
                import('./token-client.js').then((client) => client.fetch('me'))
                    .then((response) => { window.fetch = original; done({ ...seen, status: response.status }); });
                """);
        assertEquals(200L, seen.get("status"));
        String authorization = seen.get("authorization").toString();
        assertTrue(authorization.startsWith("DPoP "), authorization);
        String token = authorization.substring("DPoP ".length());

        Api elsewhere = api();
        assertEquals(401, elsewhere.get("api/me", "Authorization", authorization, "DPoP", seen.get("proof")
                .toString()).status(), "the page's own proof, replayed");
        assertEquals(401, elsewhere.get("api/me", "Authorization", "Bearer " + token).status(), "as a bearer token");
        Reply own = elsewhere.get("api/me");
        String nonce = own.header("DPoP-Nonce").orElseThrow();
        assertEquals(401, elsewhere.get("api/me", "Authorization", authorization, "DPoP", DpopProver.es256()
                .proof("GET", page() + "api/me").forToken(token).claim("nonce", nonce).sign()).status(),
                "with a proof of the thief's own key");

        String cookie = DemoPage.refreshCookieOrNull(browser).get("value").toString();
        Reply copied = elsewhere.rawPost("api/auth/refresh", null, null, "Cookie", "refresh_token=" + cookie,
                "X-Requested-With", "fetch", "DPoP", DpopProver.es256().proof("POST", page() + "api/auth/refresh")
                        .claim("nonce", nonce).sign());
        assertEquals(401, copied.status(), "the copied cookie without the key");
        assertNotEquals(200L, DemoPage.callMe(browser), "and the login it was copied from has ended");
    }

    @Test
    void aClientThatSendsNoProofCannotSignIn() throws IOException {
        openSignedOut();
        Object answer = browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('./token-client.js').then((client) => {
                    client.configure({ dpop: false });
                    return client.login('%s', '%s');
                }).then(() => done('signed in'), (e) => done(e.status + ' ' + e.code));
                """.formatted(TestUsers.USER, TestUsers.USER_PASSWORD));
        assertEquals("400 invalid_dpop_proof", answer);
    }
}
