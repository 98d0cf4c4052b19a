package dev.tokencookie.headers.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The headers the filter sends, by init-param and by scheme; the in-container tests check them on every server.
 */
class SecurityHeadersFilterTest {

    @Test
    void sendsTheDefaultsAndHstsOnlyOverHttps() throws Exception {
        Map<String, String> plain = run(Map.of(), false);
        assertEquals("nosniff", plain.get("X-Content-Type-Options"));
        assertEquals(SecurityHeadersFilter.DEFAULT_CSP, plain.get("Content-Security-Policy"));
        assertEquals("no-referrer", plain.get("Referrer-Policy"));
        assertFalse(plain.containsKey("Strict-Transport-Security"), "meaningless over plain HTTP");

        assertEquals("max-age=31536000", run(Map.of(), true).get("Strict-Transport-Security"));
    }

    @Test
    void initParamsReplaceTheDefaultsAndAnEmptyOneSendsNothing() throws Exception {
        Map<String, String> headers = run(Map.of(
                SecurityHeadersFilter.CONTENT_SECURITY_POLICY, "\n   default-src 'self';\n   img-src data:\n",
                SecurityHeadersFilter.REFERRER_POLICY, "same-origin",
                SecurityHeadersFilter.STRICT_TRANSPORT_SECURITY, ""), true);
        assertEquals("default-src 'self'; img-src data:", headers.get("Content-Security-Policy"));
        assertEquals("same-origin", headers.get("Referrer-Policy"));
        assertFalse(headers.containsKey("Strict-Transport-Security"));
        assertTrue(headers.containsKey("X-Content-Type-Options"));
    }

    private static Map<String, String> run(Map<String, String> params, boolean secure)
            throws IOException, ServletException {
        SecurityHeadersFilter filter = new SecurityHeadersFilter();
        filter.init(proxy(FilterConfig.class, (name, args) -> switch (name) {
            case "getInitParameter" -> params.get((String) args[0]);
            case "getInitParameterNames" -> Collections.enumeration(params.keySet());
            case "getFilterName" -> "SecurityHeaders";
            default -> null;
        }));
        Map<String, String> headers = new HashMap<>();
        boolean[] passedOn = {false};
        filter.doFilter(proxy(HttpServletRequest.class, (name, args) -> name.equals("isSecure") ? secure : null),
                proxy(HttpServletResponse.class, (name, args) -> {
                    if (name.equals("setHeader")) {
                        headers.put((String) args[0], (String) args[1]);
                    }
                    return null;
                }), (request, response) -> passedOn[0] = true);
        assertTrue(passedOn[0], "the request goes on");
        return headers;
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> answer.answer(method.getName(), args)));
    }
}
