package dev.tokencookie.it.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Test-only: what the browser tests do on the demo page, wherever it is served from. */
public final class DemoPage {

    private DemoPage() {
    }

    /** One tab, no cookies, the page at {@code url}: every browser test starts signed out. */
    public static void openSignedOut(ChromeDriver browser, String url) {
        String first = browser.getWindowHandles().iterator().next();
        for (String handle : browser.getWindowHandles()) {
            if (!handle.equals(first)) {
                browser.switchTo().window(handle).close();
            }
        }
        browser.switchTo().window(first);
        browser.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        browser.get(url);
        waitFor(browser, By.id("signed-out"));
    }

    public static void signIn(ChromeDriver browser, String user, String password) {
        browser.findElement(By.id("username")).clear();
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).clear();
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("#login-form button[type=submit]")).click();
        waitFor(browser, By.id("signed-in"));
        waitForText(browser, By.id("me-name"), user);
    }

    public static void waitFor(ChromeDriver browser, By visible) {
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions
                .visibilityOfElementLocated(visible));
    }

    public static void waitForText(ChromeDriver browser, By element, String text) {
        new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(ExpectedConditions.textToBePresentInElementLocated(element, text));
    }

    /** Calls the API's {@code me} through the client module of the current tab: the HTTP status, or the error. */
    public static Object callMe(ChromeDriver browser) {
        return browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('./token-client.js').then((client) => client.fetch('me')).then((r) => done(r.status),
                    (e) => done(e.name + ' ' + e.status + ' ' + e.message));
                """);
    }

    /** The browser's refresh cookie (name, value, path, flags), or null. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> refreshCookieOrNull(ChromeDriver browser) {
        List<Map<String, Object>> cookies = (List<Map<String, Object>>) browser
                .executeCdpCommand("Network.getAllCookies", Map.of()).get("cookies");
        return cookies.stream().filter(c -> "refresh_token".equals(c.get("name"))).findFirst().orElse(null);
    }
}
