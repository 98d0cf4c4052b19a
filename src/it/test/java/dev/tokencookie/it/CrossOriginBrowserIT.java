package dev.tokencookie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokencookie.it.deployed.TestUsers;
import dev.tokencookie.it.support.Api;
import dev.tokencookie.it.support.Browsers;
import dev.tokencookie.it.support.DemoPage;
import dev.tokencookie.it.support.Deployments;
import dev.tokencookie.it.support.PageOrigin;
import dev.tokencookie.it.support.ServerTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 18: the demo page as a single-page app of its own origin (another port on localhost: the same site), calling
 * the API on the server's origin in a real headless Chromium. Everything the same-origin browser test does works
 * across origins; an origin not listed in auth.allowed-origins, and a page of another site (127.0.0.1 against
 * localhost), fail with an error the page can show. Access tokens live 5 s.
 */
class CrossOriginBrowserIT extends ServerTest {

    private static final int APP_PORT = PageOrigin.freePort();
    private static final int CROSS_SITE_PORT = PageOrigin.freePort();
    private static final String APP = "http://localhost:" + APP_PORT;
    private static final String CROSS_SITE = "http://127.0.0.1:" + CROSS_SITE_PORT;

    private static ChromeDriver browser;
    private static PageOrigin app;

    @TempDir
    static Path profile;

    @Deployment(testable = false)
    static WebArchive deployment() {
        // The cross-site origin is listed too, so that what refuses it is the same-site rule, not the list.
        return Deployments.war(Map.of("auth.access-token.ttl", "PT5S", "auth.clock-skew", "PT1S",
                "auth.allowed-origins", APP + ", " + CROSS_SITE));
    }

    @BeforeEach
    void freshBrowser() throws Exception {
        if (browser == null) {
            browser = Browsers.headlessChromium(profile.resolve("chromium"));
            app = PageOrigin.serving(APP_PORT, apiUrl());
        }
        DemoPage.openSignedOut(browser, APP + "/");
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.quit();
            app.close();
        }
    }

    private String apiUrl() {
        return Deployments.onLocalhost(deployed) + "api/";
    }

    @Test
    void signInCallReloadAndSignOutFromAnotherOrigin() {
        DemoPage.signIn(browser, TestUsers.USER, TestUsers.USER_PASSWORD);

        assertEquals("user", browser.findElement(By.id("me-groups")).getText(), "a protected resource answered");
        DemoPage.waitFor(browser, By.cssSelector("#sessions tr"));
        Map<String, Object> cookie = DemoPage.refreshCookieOrNull(browser);
        assertTrue(cookie != null && "localhost".equals(cookie.get("domain")), "the API's cookie: " + cookie);
        assertEquals("Strict", cookie.get("sameSite"));
        assertEquals(200L, DemoPage.callMe(browser));

        browser.navigate().refresh();
        DemoPage.waitForText(browser, By.id("me-name"), TestUsers.USER);

        browser.findElement(By.id("logout")).click();
        DemoPage.waitFor(browser, By.id("signed-out"));
        DemoPage.waitForText(browser, By.id("status"), "You are signed out.");
        assertEquals(null, DemoPage.refreshCookieOrNull(browser), "the API cleared its cookie");
        browser.navigate().refresh();
        DemoPage.waitFor(browser, By.id("signed-out"));
    }

    @Test
    void twoTabsShareTheSessionAndSignOutTogether() throws Exception {
        DemoPage.signIn(browser, TestUsers.OTHER_USER, TestUsers.OTHER_USER_PASSWORD);
        String first = browser.getWindowHandle();
        browser.switchTo().newWindow(WindowType.TAB).get(APP + "/");
        DemoPage.waitForText(browser, By.id("me-name"), TestUsers.OTHER_USER);

        // Past two token lifetimes, refreshed ahead of expiry in the background, both tabs still get through.
        Thread.sleep(11_000);
        assertEquals(200L, DemoPage.callMe(browser));
        browser.switchTo().window(first);
        assertEquals(200L, DemoPage.callMe(browser));

        browser.findElement(By.id("logout")).click();
        DemoPage.waitFor(browser, By.id("signed-out"));
        browser.switchTo().window(browser.getWindowHandles().stream().filter(h -> !h.equals(first)).findFirst()
                .orElseThrow());
        DemoPage.waitFor(browser, By.id("signed-out"));
        DemoPage.waitForText(browser, By.id("status"), "Signed out in another tab.");
    }

    @Test
    void anExpiredTokenIsRefreshedAfterItsOwn401AndTheCallRetried() throws Exception {
        DemoPage.signIn(browser, TestUsers.USER, TestUsers.USER_PASSWORD);
        Object first = browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('./token-client.js').then((client) => client.getAccessToken()).then(done);
                """);
        // Past its 5 s and the 1 s of clock skew; the client has refreshed ahead of expiry meanwhile.
        Thread.sleep(7_000);

        // The next call to `me` goes out with the expired token, as from a tab whose timers were held back.
        Object result = browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const expired = arguments[0];
                const send = window.fetch;
                const seen = [];
                window.fetch = (resource, init) => {
                    const url = String(resource instanceof Request ? resource.url : resource);
                    if (url.endsWith('/me') && seen.length === 0) {
                        init = { ...init, headers: new Headers(init.headers) };
                        init.headers.set('Authorization', 'Bearer ' + expired);
                    }
                    return send(resource, init).then((r) => {
                        seen.push(url.split('/').pop() + ' ' + r.status
                            + (r.status === 401 ? ' ' + r.headers.get('WWW-Authenticate') : ''));
                        return r;
                    });
                };
                import('./token-client.js').then((client) => client.fetch('me'))
                    .then((r) => done(seen.join(', ') + ' -> ' + r.status), (e) => done('error ' + e.message));
                """, first);

        assertEquals("me 401 Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The access token"
                + " expired\", refresh 200, me 200 -> 200", result, "the page read the challenge, refreshed, retried");
    }

    @Test
    void aSessionEndedElsewhereIsNoticedAtTheNextCall() {
        Api api = api();
        DemoPage.signIn(browser, TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        String otherDevice = api.login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD).json().getString("access_token");
        assertEquals(204, api.delete("api/auth/sessions", "Authorization", "Bearer " + otherDevice).status(),
                "signed out everywhere from another device");

        Object status = DemoPage.callMe(browser);

        assertEquals(401L, status, "the call is refused, and the refresh too");
        DemoPage.waitFor(browser, By.id("signed-out"));
        DemoPage.waitForText(browser, By.id("status"), "Your session has ended.");
        assertEquals(false, browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('./token-client.js').then((client) => done(client.isSignedIn()));
                """));
    }

    @Test
    void theClientWorksInADedicatedWorkerToo() {
        DemoPage.signIn(browser, TestUsers.USER, TestUsers.USER_PASSWORD);

        Object answer = browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const worker = new Worker('./worker.js', { type: 'module' });
                worker.onmessage = ({ data }) => done(data);
                worker.onerror = (event) => done('worker error ' + event.message);
                worker.postMessage({ api: arguments[0] });
                """, apiUrl());

        assertEquals("signed in: true, me: 200 " + TestUsers.USER, answer);
    }

    @Test
    void anOriginNotListedIsToldWhyAndTheServerLogsIt() {
        int port = PageOrigin.freePort();
        String origin = "http://localhost:" + port;
        int logBefore = api().get("test-support/log").body().length();
        try (PageOrigin notListed = PageOrigin.serving(port, apiUrl())) {
            browser.get(origin + "/");
            DemoPage.waitFor(browser, By.id("signed-out"));
            DemoPage.waitForText(browser, By.id("status"), "auth.allowed-origins");

            browser.findElement(By.id("username")).sendKeys(TestUsers.USER);
            browser.findElement(By.id("password")).sendKeys(TestUsers.USER_PASSWORD);
            browser.findElement(By.cssSelector("#login-form button[type=submit]")).click();
            DemoPage.waitForText(browser, By.id("login-error"), "auth.allowed-origins");
            assertFalse(browser.findElement(By.id("signed-in")).isDisplayed());
        }
        String logged = api().get("test-support/log").body().substring(logBefore);
        assertTrue(logged.contains("A page of " + origin + " was refused CORS: add it to auth.allowed-origins"),
                logged);
    }

    @Test
    void aPageOfAnotherSiteIsRefusedWithAReasonItCanRead() {
        try (PageOrigin otherSite = PageOrigin.serving(CROSS_SITE_PORT, apiUrl())) {
            browser.get(CROSS_SITE + "/");
            DemoPage.waitFor(browser, By.id("signed-out"));

            browser.findElement(By.id("username")).sendKeys(TestUsers.USER);
            browser.findElement(By.id("password")).sendKeys(TestUsers.USER_PASSWORD);
            browser.findElement(By.cssSelector("#login-form button[type=submit]")).click();

            String error = new WebDriverWait(browser, Duration.ofSeconds(15)).until(driver -> {
                String text = driver.findElement(By.id("login-error")).getText();
                return text.isEmpty() ? null : text;
            });
            assertEquals("Cross-site requests are refused", error);
            assertFalse(browser.findElement(By.id("signed-in")).isDisplayed());
            assertEquals(null, DemoPage.refreshCookieOrNull(browser), "no cookie was set");
        }
    }
}
