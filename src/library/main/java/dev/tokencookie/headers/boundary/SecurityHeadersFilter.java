package dev.tokencookie.headers.boundary;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Sends the browser security headers from the server, for every response of the URLs web.xml maps it to, errors and
 * refusals included: a page served elsewhere, a proxy or a forgotten {@code <meta>} tag can then weaken nothing.
 */
public class SecurityHeadersFilter extends HttpFilter {

    /** Init-param: the Content-Security-Policy; by default nothing may load, frame or submit, as fits an API. */
    public static final String CONTENT_SECURITY_POLICY = "content-security-policy";
    /** Init-param: the Referrer-Policy; by default no URL leaves in a Referer header. */
    public static final String REFERRER_POLICY = "referrer-policy";
    /** Init-param: the Strict-Transport-Security sent on requests that came over HTTPS; empty sends none. */
    public static final String STRICT_TRANSPORT_SECURITY = "strict-transport-security";

    static final String DEFAULT_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    static final String DEFAULT_REFERRER_POLICY = "no-referrer";
    // A year, and not includeSubDomains: the module cannot know that every sibling host serves HTTPS.
    static final String DEFAULT_HSTS = "max-age=31536000";

    private String contentSecurityPolicy;
    private String referrerPolicy;
    private String strictTransportSecurity;

    @Override
    public void init() {
        contentSecurityPolicy = parameter(CONTENT_SECURITY_POLICY, DEFAULT_CSP);
        referrerPolicy = parameter(REFERRER_POLICY, DEFAULT_REFERRER_POLICY);
        strictTransportSecurity = parameter(STRICT_TRANSPORT_SECURITY, DEFAULT_HSTS);
    }

    private String parameter(String name, String defaultValue) {
        String value = getInitParameter(name);
        // Whitespace and line breaks from web.xml's formatting are not part of a header value.
        return value == null ? defaultValue : value.strip().replaceAll("\\s+", " ");
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        setUnlessEmpty(response, "Content-Security-Policy", contentSecurityPolicy);
        setUnlessEmpty(response, "Referrer-Policy", referrerPolicy);
        // Over plain HTTP the header means nothing to a browser (RFC 6797 section 8.1); behind a proxy that ends TLS,
        // isSecure() is true only once the server is told to trust the proxy's forwarded scheme.
        if (request.isSecure()) {
            setUnlessEmpty(response, "Strict-Transport-Security", strictTransportSecurity);
        }
        chain.doFilter(request, response);
    }

    private static void setUnlessEmpty(HttpServletResponse response, String name, String value) {
        if (!value.isEmpty()) {
            response.setHeader(name, value);
        }
    }
}
