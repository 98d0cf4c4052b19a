package dev.tokencookie.auth.boundary;

import dev.tokencookie.refreshtoken.control.IssuedRefreshToken;
import dev.tokencookie.settings.control.AuthSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The refresh-token cookie: HttpOnly so no script reads it, Secure, SameSite=Strict so no cross-site request carries
 * it, and scoped to the auth endpoints so no other request does.
 */
@ApplicationScoped
public class RefreshCookie {

    @Inject
    AuthSettings settings;

    @Inject
    ServletContext servletContext;

    Clock clock = Clock.systemUTC();

    Cookie issue(IssuedRefreshToken token) {
        long remaining = Math.max(0, Duration.between(clock.instant(), token.expiresAt()).getSeconds());
        return cookie(token.value(), Math.toIntExact(Math.min(remaining, Integer.MAX_VALUE)));
    }

    /** Tells the browser to drop the cookie: the same name, path and attributes, empty, with Max-Age=0. */
    Cookie clear() {
        return cookie("", 0);
    }

    Optional<String> read(HttpHeaders headers) {
        return Optional.ofNullable(headers.getCookies().get(settings.refreshCookieName()))
                .map(jakarta.ws.rs.core.Cookie::getValue)
                .filter(value -> !value.isEmpty());
    }

    private Cookie cookie(String value, int maxAge) {
        Cookie cookie = new Cookie(settings.refreshCookieName(), value);
        cookie.setHttpOnly(true);
        cookie.setSecure(settings.refreshCookieSecure());
        // The setting is relative to the context root, so the WAR can be deployed under any context path.
        cookie.setPath(servletContext.getContextPath() + settings.refreshCookiePath());
        cookie.setMaxAge(maxAge);
        cookie.setAttribute("SameSite", "Strict");
        return cookie;
    }
}
