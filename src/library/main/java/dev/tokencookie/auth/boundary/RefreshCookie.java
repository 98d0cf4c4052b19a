package dev.tokencookie.auth.boundary;

import dev.tokencookie.problems.boundary.JsonErrors;
import dev.tokencookie.refreshtoken.control.IssuedRefreshToken;
import dev.tokencookie.settings.control.AuthSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The refresh-token cookie: HttpOnly so no script reads it, Secure, SameSite=Strict so no cross-site request carries
 * it, and scoped to the auth endpoints so no other request does.
 */
@ApplicationScoped
public class RefreshCookie {

    private static final Logger LOG = Logger.getLogger(RefreshCookie.class.getName());

    /** What {@code OpaqueTokens} makes: 256 bits in unpadded base64url. Anything else is not looked up. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    @Inject
    AuthSettings settings;

    @Inject
    ServletContext servletContext;

    Clock clock = Clock.systemUTC();

    /**
     * The cookie's Path, worked out on first use: a deployment's context path does not change, and asking for it went
     * through a CDI proxy on every login and refresh.
     */
    private volatile String path;

    /** The Set-Cookie header that hands the browser a refresh token, with Max-Age equal to its remaining life. */
    public String issue(IssuedRefreshToken token) {
        return header(token.value(), token.remainingLife().getSeconds());
    }

    /** The Set-Cookie header that drops the cookie: same name, path and attributes, empty, Max-Age=0. */
    public String clear() {
        return header("", 0);
    }

    /**
     * The refresh token the browser sent, if it has the shape of one.
     *
     * @throws BadRequestException (400, nothing consumed, the cookie left as it is) when the cookie's name comes more
     *         than once: a cookie planted from a sibling subdomain, or over plain HTTP, is sent beside the real one,
     *         and whichever a parser kept, the request could refresh the planter's session or clear the victim's.
     */
    public Optional<String> read(HttpHeaders headers) {
        String name = settings.refreshCookie().name();
        List<String> values = new ArrayList<>();
        for (String header : Optional.ofNullable(headers.getRequestHeader(HttpHeaders.COOKIE)).orElse(List.of())) {
            // RFC 6265 section 4.2.1; no cookie value may hold ';' or ',', so neither can hide a pair from this split.
            for (String pair : header.split("[;,]")) {
                int equals = pair.indexOf('=');
                if (equals > 0 && pair.substring(0, equals).strip().equals(name)) {
                    values.add(pair.substring(equals + 1).strip());
                }
            }
        }
        if (values.size() > 1) {
            // INFO, as every refusal of an unauthenticated request: a flood of them must not flood the warnings.
            LOG.info(() -> "Refused a request that carried the refresh cookie " + values.size()
                    + " times, perhaps one planted from another subdomain; nothing was consumed or cleared");
            throw new BadRequestException(JsonErrors.response(Response.Status.BAD_REQUEST, "invalid_request",
                    "The refresh cookie was sent more than once").build());
        }
        return values.stream().findFirst().filter(value -> TOKEN.matcher(value).matches());
    }

    /*
     * Written here rather than through the Servlet or JAX-RS cookie APIs: Undertow drops a Servlet cookie's SameSite
     * attribute, and JAX-RS runtimes add a legacy Version attribute. RFC 6265 section 4.1 is the format.
     */
    private String header(String value, long maxAge) {
        StringBuilder header = new StringBuilder()
                .append(settings.refreshCookie().name()).append('=').append(value)
                .append("; Max-Age=").append(maxAge)
                .append("; Expires=").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        (maxAge == 0 ? Instant.EPOCH : clock.instant().plusSeconds(maxAge)).atZone(ZoneOffset.UTC)))
                .append("; Path=").append(path());
        if (settings.refreshCookie().secure()) {
            header.append("; Secure");
        }
        return header.append("; HttpOnly; SameSite=Strict").toString();
    }

    private String path() {
        String known = path;
        if (known == null) {
            // The setting is relative to the context root, so the WAR can be deployed under any context path.
            known = servletContext.getContextPath() + settings.refreshCookie().path();
            path = known;
        }
        return known;
    }
}
