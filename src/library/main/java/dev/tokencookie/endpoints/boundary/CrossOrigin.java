package dev.tokencookie.endpoints.boundary;

import dev.tokencookie.settings.control.AuthSettings;
import jakarta.enterprise.inject.spi.CDI;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The one place that decides which other origins' pages may read the API's answers, and writes the CORS headers that
 * say so: for the module's cookie endpoints (a JAX-RS filter) and for everything the bearer filter guards (a servlet
 * filter) alike. An origin not in {@code auth.allowed-origins} gets no CORS header at all, and is logged once, so that
 * a developer whose page is refused learns which setting to change.
 */
public final class CrossOrigin {

    /** Set on a request whose CORS headers the bearer filter has written: no JAX-RS filter writes them twice. */
    public static final String ANSWERED = CrossOrigin.class.getName() + ".answered";

    /** The headers a page may read beyond the safelisted ones: the challenge of a 401 and the wait of a 429 or 503. */
    public static final String EXPOSED_HEADERS = "WWW-Authenticate, Retry-After, DPoP-Nonce";

    static final String MAX_AGE_SECONDS = "600";
    static final int MOST_ORIGINS_LOGGED = 20;

    private static final Logger LOG = Logger.getLogger(CrossOrigin.class.getName());
    private static final Set<String> PREFLIGHT_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
    private static final String NAME = "[A-Za-z0-9!#$%&'*+.^_`|~-]+";
    private static final Pattern HEADER_NAMES = Pattern.compile(NAME + "([ \\t]*,[ \\t]*" + NAME + ")*");
    // Only what a browser could send is logged: an origin made up by a script cannot take the log's places.
    private static final Pattern WELL_FORMED = Pattern.compile("https?://[a-z0-9.-]{1,100}(:[0-9]{1,5})?");
    private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

    private static volatile Set<String> configured;

    private CrossOrigin() {
    }

    /**
     * The configured other origins, from CDI at the first request, when the module has read its settings. The filters
     * that need them are not CDI beans: a WAR's JAX-RS applications would share one instance, and with it the first
     * application's {@code @Context} proxies, which fail in every other application's requests.
     */
    public static Set<String> configured() {
        Set<String> origins = configured;
        if (origins == null) {
            origins = CDI.current().select(AuthSettings.class).get().allowedOrigins();
            configured = origins;
        }
        return origins;
    }

    /**
     * Whether a page of this origin may read the answer, as another origin: it is configured. An origin that is neither
     * configured nor the API's own is logged, once.
     */
    public static boolean isAllowed(String origin, String ownOrigin) {
        if (origin == null) {
            return false;
        }
        String normalized = origin.toLowerCase(Locale.ROOT);
        if (configured().contains(normalized)) {
            return true;
        }
        if (!normalized.equals(ownOrigin) && WELL_FORMED.matcher(normalized).matches()) {
            logRefused(normalized);
        }
        return false;
    }

    /** The headers of an answer to an allowed origin: it may read the answer, and with it the headers it needs. */
    public static void allowAnswer(String origin, BiConsumer<String, String> header) {
        header.accept("Access-Control-Allow-Origin", origin);
        header.accept("Access-Control-Allow-Credentials", "true");
        header.accept("Access-Control-Expose-Headers", EXPOSED_HEADERS);
    }

    /**
     * The headers of a preflight answer to an allowed origin. {@code methods} is what the path allows, when known;
     * otherwise the one method asked for, if it is a plain HTTP method: the request itself still needs its token.
     * The request headers asked for are allowed when they are header names; the page's origin is trusted by setting.
     */
    public static void allowPreflight(String origin, String methods, String requestedMethod, String requestedHeaders,
            BiConsumer<String, String> header) {
        header.accept("Access-Control-Allow-Origin", origin);
        header.accept("Access-Control-Allow-Credentials", "true");
        if (methods != null) {
            header.accept("Access-Control-Allow-Methods", methods);
        } else if (requestedMethod != null && PREFLIGHT_METHODS.contains(requestedMethod)) {
            header.accept("Access-Control-Allow-Methods", requestedMethod);
        }
        String always = "Authorization, Content-Type, X-Requested-With";
        header.accept("Access-Control-Allow-Headers", requestedHeaders != null && requestedHeaders.length() <= 1000
                && HEADER_NAMES.matcher(requestedHeaders.strip()).matches()
                ? always + ", " + requestedHeaders.strip() : always);
        header.accept("Access-Control-Max-Age", MAX_AGE_SECONDS);
    }

    private static void logRefused(String origin) {
        if (LOGGED.size() >= MOST_ORIGINS_LOGGED) {
            return;
        }
        // Well-formed, so nothing of the client's text can forge a line.
        String shown = origin;
        if (LOGGED.add(shown)) {
            LOG.info(() -> "A page of " + shown + " was refused CORS: add it to auth.allowed-origins (environment"
                    + " AUTH_ALLOWED_ORIGINS) if that page should call this API. Logged once for each origin"
                    + (LOGGED.size() == MOST_ORIGINS_LOGGED ? "; this is the last origin logged" : ""));
        }
    }
}
