package dev.tokencookie.settings.control;

import java.time.Duration;
import java.util.Locale;

/**
 * The names, defaults and bounds of the settings in one place, so that the reader, docs/configuration.md and web.xml
 * agree.
 */
public enum Setting {
    ISSUER("auth.issuer", "token-cookie-auth"),
    AUDIENCE("auth.audience", "api"),
    ACCESS_TOKEN_TTL("auth.access-token.ttl", "PT5M", Bounds.durations("PT1S", "P1D")),
    // About 2 KB each: a million is 2 GB of heap, beyond what any setting should silently claim.
    ACCESS_TOKEN_CACHE_SIZE("auth.access-token.cache-size", "10000", Bounds.numbers(0, 1_000_000)),
    REFRESH_TOKEN_TTL("auth.refresh-token.ttl", "P14D", Bounds.durations("PT1S", "P366D")),
    // Between PT1S and the refresh token's whole life: bounds that hang on another setting, so the reader checks them.
    REFRESH_TOKEN_IDLE_TTL("auth.refresh-token.idle-ttl", "P1D"),
    REUSE_LEEWAY("auth.refresh-token.reuse-leeway", "PT10S", Bounds.durations("PT0S", "PT1M")),
    PURGE_INTERVAL("auth.refresh-token.purge-interval", "PT1H", Bounds.durations("PT1S", "P1D")),
    // A day of skew would switch exp off.
    CLOCK_SKEW("auth.clock-skew", "PT30S", Bounds.durations("PT0S", "PT5M")),
    // Longer, and a revoked session's access tokens would mostly die of old age before every node knew.
    REVOCATION_PROPAGATION("auth.revocation.propagation", "PT5S", Bounds.durations("PT1S", "PT5M")),
    REALM("auth.realm", "api"),
    REFRESH_COOKIE_NAME("auth.refresh-cookie.name", "refresh_token"),
    REFRESH_COOKIE_PATH("auth.refresh-cookie.path", "/api/auth"),
    REFRESH_COOKIE_SECURE("auth.refresh-cookie.secure", "true"),
    ALLOWED_ORIGINS("auth.allowed-origins", ""),
    LOGIN_MAX_FAILURES("auth.login.max-failures", "5", Bounds.numbers(1, 1_000_000)),
    LOGIN_FAILURE_WINDOW("auth.login.failure-window", "PT15M", Bounds.durations("PT1S", "P1D")),
    SIGNING_ALGORITHM("auth.signing.algorithm", "RS256"),
    // At least twice the access token's life plus the skew, which the reader checks against the values in force.
    SIGNING_ROTATION_PERIOD("auth.signing.rotation-period", "P30D", Bounds.durations("PT1S", "P366D")),
    SIGNING_KEYSTORE_PATH("auth.signing.keystore.path", ""),
    SIGNING_KEYSTORE_ALIAS("auth.signing.keystore.alias", ""),
    /** Read from the environment only: a password belongs neither in web.xml nor in a command line that ps shows. */
    SIGNING_KEYSTORE_PASSWORD("auth.signing.keystore.password", "", Bounds.NONE, true),
    IDENTITY_SOURCE("auth.identity.source", "application"),
    // Each a role the application declares: servlet containers answer isUserInRole for declared roles only.
    IDENTITY_CONTAINER_GROUPS("auth.identity.container.groups", ""),
    IDENTITY_DATABASE_DATASOURCE("auth.identity.database.datasource", ""),
    IDENTITY_DATABASE_CALLER_QUERY("auth.identity.database.caller-query", ""),
    IDENTITY_DATABASE_GROUPS_QUERY("auth.identity.database.groups-query", ""),
    IDENTITY_LDAP_URL("auth.identity.ldap.url", ""),
    IDENTITY_LDAP_BIND_DN("auth.identity.ldap.bind-dn", ""),
    /** Read from the environment only, as the keystore password. */
    IDENTITY_LDAP_BIND_PASSWORD("auth.identity.ldap.bind-password", "", Bounds.NONE, true),
    IDENTITY_LDAP_CALLER_BASE_DN("auth.identity.ldap.caller-base-dn", ""),
    IDENTITY_LDAP_CALLER_SEARCH_BASE("auth.identity.ldap.caller-search-base", ""),
    IDENTITY_LDAP_CALLER_SEARCH_FILTER("auth.identity.ldap.caller-search-filter", ""),
    IDENTITY_LDAP_CALLER_NAME_ATTRIBUTE("auth.identity.ldap.caller-name-attribute", "uid"),
    // Jakarta Security's default; a directory with people in nested units needs subtree.
    IDENTITY_LDAP_CALLER_SEARCH_SCOPE("auth.identity.ldap.caller-search-scope", "one-level"),
    IDENTITY_LDAP_GROUP_SEARCH_BASE("auth.identity.ldap.group-search-base", ""),
    IDENTITY_LDAP_GROUP_SEARCH_FILTER("auth.identity.ldap.group-search-filter", ""),
    IDENTITY_LDAP_GROUP_MEMBER_ATTRIBUTE("auth.identity.ldap.group-member-attribute", "member"),
    IDENTITY_LDAP_GROUP_MEMBER_OF_ATTRIBUTE("auth.identity.ldap.group-member-of-attribute", "memberOf"),
    IDENTITY_LDAP_GROUP_NAME_ATTRIBUTE("auth.identity.ldap.group-name-attribute", "cn"),
    IDENTITY_LDAP_GROUP_SEARCH_SCOPE("auth.identity.ldap.group-search-scope", "one-level"),
    // The time limit the directory applies to each search (LDAP's timeLimit). At most PT10S: the drop-in WAR's
    // jndi.properties gives up on an answer after 12 s, and the directory's own limit must be what ends a search.
    IDENTITY_LDAP_READ_TIMEOUT("auth.identity.ldap.read-timeout", "PT5S", Bounds.durations("PT1S", "PT10S")),
    METRICS_ENABLED("auth.metrics.enabled", "true"),
    DPOP("auth.dpop", "off"),
    // How long after its iat a proof is taken (plus the clock skew): the window in which a copied proof could be
    // replayed on another node, and the one in which this node remembers every jti.
    DPOP_PROOF_LIFETIME("auth.dpop.proof-lifetime", "PT1M", Bounds.durations("PT1S", "PT10M")),
    DPOP_NONCES("auth.dpop.nonces", "false"),
    // The public URL of the WAR's context root when a proxy in front changes scheme, host, port or path.
    PUBLIC_URL("auth.public-url", ""),
    AUDIT_FILE("auth.audit.file", ""),
    // Off only with a file, which then holds the one copy. A setting rather than the audit logger's level: that level
    // is the whole server's, would silence every WAR on it, and is not checked against a file.
    AUDIT_SERVER_LOG("auth.audit.server-log", "true"),
    /** Read from the environment only: the scraper's secret, as the passwords. */
    METRICS_TOKEN("auth.metrics.token", "", Bounds.NONE, true);

    /**
     * The least and the greatest value a duration or number setting may take: beyond them a setting no longer means
     * what its name says.
     */
    public sealed interface Bounds {

        Bounds NONE = new Unbounded();

        static Bounds durations(String min, String max) {
            return new DurationBounds(Duration.parse(min), Duration.parse(max));
        }

        static Bounds numbers(int min, int max) {
            return new NumberBounds(min, max);
        }
    }

    /** A setting that is neither a duration nor a number. */
    public record Unbounded() implements Bounds {
    }

    /** The range of a duration setting. */
    public record DurationBounds(Duration min, Duration max) implements Bounds {
    }

    /** The range of a whole-number setting. */
    public record NumberBounds(int min, int max) implements Bounds {
    }

    private final String key;
    private final String defaultValue;
    private final Bounds bounds;
    private final boolean environmentOnly;

    Setting(String key, String defaultValue) {
        this(key, defaultValue, Bounds.NONE, false);
    }

    Setting(String key, String defaultValue, Bounds bounds) {
        this(key, defaultValue, bounds, false);
    }

    Setting(String key, String defaultValue, Bounds bounds, boolean environmentOnly) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.bounds = bounds;
        this.environmentOnly = environmentOnly;
    }

    /** A secret: taken from its environment variable only, and never printed. */
    public boolean environmentOnly() {
        return environmentOnly;
    }

    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public Bounds bounds() {
        return bounds;
    }

    /**
     * The environment variable that overrides this setting: {@code auth.access-token.ttl} is
     * {@code AUTH_ACCESS_TOKEN_TTL}.
     */
    public String environmentVariable() {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
