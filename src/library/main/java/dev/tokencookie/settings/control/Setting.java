package dev.tokencookie.settings.control;

import java.util.Locale;

/**
 * The names and defaults of the settings in one place, so that the reader, docs/configuration.md and web.xml agree.
 */
public enum Setting {
    ISSUER("auth.issuer", "token-cookie-auth"),
    AUDIENCE("auth.audience", "api"),
    ACCESS_TOKEN_TTL("auth.access-token.ttl", "PT5M"),
    ACCESS_TOKEN_CACHE_SIZE("auth.access-token.cache-size", "10000"),
    REFRESH_TOKEN_TTL("auth.refresh-token.ttl", "P14D"),
    REFRESH_TOKEN_IDLE_TTL("auth.refresh-token.idle-ttl", "P1D"),
    REUSE_LEEWAY("auth.refresh-token.reuse-leeway", "PT10S"),
    PURGE_INTERVAL("auth.refresh-token.purge-interval", "PT1H"),
    CLOCK_SKEW("auth.clock-skew", "PT30S"),
    REVOCATION_PROPAGATION("auth.revocation.propagation", "PT5S"),
    REALM("auth.realm", "api"),
    REFRESH_COOKIE_NAME("auth.refresh-cookie.name", "refresh_token"),
    REFRESH_COOKIE_PATH("auth.refresh-cookie.path", "/api/auth"),
    REFRESH_COOKIE_SECURE("auth.refresh-cookie.secure", "true"),
    ALLOWED_ORIGINS("auth.allowed-origins", ""),
    LOGIN_MAX_FAILURES("auth.login.max-failures", "5"),
    LOGIN_FAILURE_WINDOW("auth.login.failure-window", "PT15M"),
    SIGNING_ALGORITHM("auth.signing.algorithm", "RS256"),
    SIGNING_ROTATION_PERIOD("auth.signing.rotation-period", "P30D"),
    SIGNING_KEYSTORE_PATH("auth.signing.keystore.path", ""),
    SIGNING_KEYSTORE_ALIAS("auth.signing.keystore.alias", ""),
    /** Read from the environment only: a password belongs neither in web.xml nor in a command line that ps shows. */
    SIGNING_KEYSTORE_PASSWORD("auth.signing.keystore.password", "", true);

    private final String key;
    private final String defaultValue;
    private final boolean environmentOnly;

    Setting(String key, String defaultValue) {
        this(key, defaultValue, false);
    }

    Setting(String key, String defaultValue, boolean environmentOnly) {
        this.key = key;
        this.defaultValue = defaultValue;
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

    /** The environment variable that overrides this setting: {@code auth.access-token.ttl} is {@code
     * AUTH_ACCESS_TOKEN_TTL}. */
    public String environmentVariable() {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
