package dev.tokencookie.settings.control;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Resolves each setting from, in order of precedence, a system property, an environment variable,
 * a web.xml context-param and the built-in default, and validates the result.
 */
public class SettingsReader {

    // RFC 6265 cookie-name: an RFC 7230 token.
    private static final Pattern COOKIE_NAME = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");
    private static final Pattern COOKIE_PATH = Pattern.compile("/[\\x21-\\x7E&&[^;,]]*");

    private final Function<String, String> contextParams;
    private final Map<String, String> systemProperties;
    private final Map<String, String> environment;

    public SettingsReader(Function<String, String> contextParams, Map<String, String> systemProperties,
            Map<String, String> environment) {
        this.contextParams = contextParams;
        this.systemProperties = systemProperties;
        this.environment = environment;
    }

    // An origin as browsers send it (RFC 6454): scheme, host and an optional port; no path, no trailing slash.
    private static final Pattern ORIGIN = Pattern
            .compile("https?://[A-Za-z0-9.\\-]+(:[0-9]{1,5})?|https?://\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?");

    private static final Pattern PUBLIC_URL = Pattern
            .compile("https?://([A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?(/[\\x21-\\x7E&&[^?#\\\\]]*)?");

    public AuthSettings read() {
        Duration accessTtl = duration(Setting.ACCESS_TOKEN_TTL);
        Duration refreshTtl = duration(Setting.REFRESH_TOKEN_TTL);
        if (refreshTtl.compareTo(accessTtl) <= 0) {
            throw new InvalidSettingException(Setting.REFRESH_TOKEN_TTL, value(Setting.REFRESH_TOKEN_TTL),
                    "must be longer than " + Setting.ACCESS_TOKEN_TTL.key());
        }
        Duration idleTtl = duration(Setting.REFRESH_TOKEN_IDLE_TTL);
        if (idleTtl.getSeconds() < 1 || idleTtl.compareTo(refreshTtl) > 0) {
            throw new InvalidSettingException(Setting.REFRESH_TOKEN_IDLE_TTL, value(Setting.REFRESH_TOKEN_IDLE_TTL),
                    "must be between PT1S and " + refreshTtl);
        }
        if (idleTtl.compareTo(accessTtl) <= 0) {
            throw new InvalidSettingException(Setting.REFRESH_TOKEN_IDLE_TTL, value(Setting.REFRESH_TOKEN_IDLE_TTL),
                    "must be longer than " + Setting.ACCESS_TOKEN_TTL.key());
        }
        Duration skew = duration(Setting.CLOCK_SKEW);
        return new AuthSettings(
                nonBlank(Setting.ISSUER),
                nonBlank(Setting.AUDIENCE),
                realm(),
                skew,
                origins(),
                new AuthSettings.AccessToken(accessTtl, integer(Setting.ACCESS_TOKEN_CACHE_SIZE),
                        duration(Setting.REVOCATION_PROPAGATION)),
                new AuthSettings.RefreshToken(refreshTtl, idleTtl, duration(Setting.REUSE_LEEWAY),
                        duration(Setting.PURGE_INTERVAL)),
                new AuthSettings.RefreshCookie(
                        matching(Setting.REFRESH_COOKIE_NAME, COOKIE_NAME, "must be a cookie name (RFC 6265 token)"),
                        matching(Setting.REFRESH_COOKIE_PATH, COOKIE_PATH, "must be a path starting with '/'"),
                        bool(Setting.REFRESH_COOKIE_SECURE)),
                new AuthSettings.Login(integer(Setting.LOGIN_MAX_FAILURES), duration(Setting.LOGIN_FAILURE_WINDOW)),
                new AuthSettings.Signing(signingAlgorithm(), rotationPeriod(accessTtl.plus(skew)), keystore()),
                identity(),
                new AuthSettings.Metrics(bool(Setting.METRICS_ENABLED), metricsToken()),
                audit(),
                new AuthSettings.Dpop(dpopMode(), duration(Setting.DPOP_PROOF_LIFETIME),
                        bool(Setting.DPOP_NONCES), publicUrl()));
    }

    /** Where the audit lines go besides the server's log; a JUL file pattern, whose directory must exist. */
    private Optional<Path> auditFile() {
        String value = value(Setting.AUDIT_FILE).strip();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            Path file = Path.of(value);
            Path directory = file.toAbsolutePath().getParent();
            if (directory == null || !Files.isDirectory(directory)) {
                throw new InvalidSettingException(Setting.AUDIT_FILE, value, "must be a file in an existing directory");
            }
            return Optional.of(file);
        } catch (InvalidPathException e) {
            throw new InvalidSettingException(Setting.AUDIT_FILE, value, "must be a file path");
        }
    }

    /** Where the audit lines go: they may leave the server's log for the module's file, not for nowhere. */
    private AuthSettings.Audit audit() {
        Optional<Path> file = auditFile();
        boolean serverLog = bool(Setting.AUDIT_SERVER_LOG);
        if (!serverLog && file.isEmpty()) {
            throw new InvalidSettingException(Setting.AUDIT_SERVER_LOG, value(Setting.AUDIT_SERVER_LOG),
                    "may be false only where " + Setting.AUDIT_FILE.key() + " names a file, or the lines go nowhere");
        }
        return new AuthSettings.Audit(file, serverLog);
    }

    /** The metrics scraper's secret; none leaves the metrics endpoint off. Its value is never quoted. */
    private Optional<ScrapeToken> metricsToken() {
        String value = value(Setting.METRICS_TOKEN);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!ScrapeToken.wellFormed(value)) {
            throw new InvalidSettingException(Setting.METRICS_TOKEN, "", "the environment variable "
                    + Setting.METRICS_TOKEN.environmentVariable() + " must hold " + ScrapeToken.MIN_LENGTH + " to "
                    + ScrapeToken.MAX_LENGTH + " printable ASCII characters without spaces");
        }
        return Optional.of(new ScrapeToken(value));
    }

    /** The raw value of a setting after overrides, before validation. */
    public String value(Setting setting) {
        if (setting.environmentOnly()) {
            String value = environment.get(setting.environmentVariable());
            return value == null ? setting.defaultValue() : value;
        }
        String value = systemProperties.get(setting.key());
        if (value == null) {
            value = environment.get(setting.environmentVariable());
        }
        if (value == null) {
            value = contextParams.apply(setting.key());
        }
        return value == null ? setting.defaultValue() : value.trim();
    }

    private String nonBlank(Setting setting) {
        String value = value(setting);
        if (value.isBlank()) {
            throw new InvalidSettingException(setting, value, "must not be empty");
        }
        return value;
    }

    private String realm() {
        // The realm is written into a quoted-string of WWW-Authenticate.
        return matching(Setting.REALM, Pattern.compile("[\\x20-\\x7E&&[^\"\\\\]]+"),
                "must be printable ASCII without quotes or backslashes");
    }

    private DpopMode dpopMode() {
        String value = value(Setting.DPOP).strip();
        return DpopMode.byName(value).orElseThrow(
                () -> new InvalidSettingException(Setting.DPOP, value, "must be off, allowed or required"));
    }

    /** An absolute http(s) URL without query or fragment; kept without its trailing slash. */
    private Optional<String> publicUrl() {
        String value = value(Setting.PUBLIC_URL).strip();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!PUBLIC_URL.matcher(value).matches()) {
            throw new InvalidSettingException(Setting.PUBLIC_URL, value,
                    "must be the http:// or https:// URL of the application's context root, without query or fragment");
        }
        return Optional.of(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
    }

    private SigningAlgorithm signingAlgorithm() {
        String value = value(Setting.SIGNING_ALGORITHM);
        return SigningAlgorithm.byJoseName(value).orElseThrow(
                () -> new InvalidSettingException(Setting.SIGNING_ALGORITHM, value, "must be RS256, ES256 or EdDSA"));
    }

    private String matching(Setting setting, Pattern pattern, String expectation) {
        String value = value(setting);
        if (!pattern.matcher(value).matches()) {
            throw new InvalidSettingException(setting, value, expectation);
        }
        return value;
    }

    /** A duration within the setting's bounds. */
    private Duration duration(Setting setting) {
        String value = value(setting);
        Duration duration;
        try {
            duration = Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidSettingException(setting, value, "must be an ISO-8601 duration such as PT5M");
        }
        if (setting.bounds() instanceof Setting.DurationBounds bounds
                && (duration.compareTo(bounds.min()) < 0 || duration.compareTo(bounds.max()) > 0)) {
            throw new InvalidSettingException(setting, value, "must be between " + bounds.min() + " and "
                    + bounds.max());
        }
        return duration;
    }

    private Duration rotationPeriod(Duration lead) {
        Duration period = duration(Setting.SIGNING_ROTATION_PERIOD);
        // A key must sign for at least as long as it waited to be published, or keys would pile up in the JWKS.
        if (period.compareTo(lead.multipliedBy(2)) < 0) {
            throw new InvalidSettingException(Setting.SIGNING_ROTATION_PERIOD, value(Setting.SIGNING_ROTATION_PERIOD),
                    "must be at least twice " + Setting.ACCESS_TOKEN_TTL.key() + " plus " + Setting.CLOCK_SKEW.key()
                            + " (" + lead.multipliedBy(2) + ")");
        }
        return period;
    }

    private Optional<SigningKeystore> keystore() {
        String path = value(Setting.SIGNING_KEYSTORE_PATH);
        if (path.isEmpty()) {
            // An alias or a password without a path is a typo, not a wish for database keys.
            for (Setting other : new Setting[] {Setting.SIGNING_KEYSTORE_ALIAS, Setting.SIGNING_KEYSTORE_PASSWORD}) {
                if (!value(other).isEmpty()) {
                    throw new InvalidSettingException(Setting.SIGNING_KEYSTORE_PATH, "",
                            "must name the keystore when " + other.key() + " is set");
                }
            }
            return Optional.empty();
        }
        List<String> aliases = Arrays.stream(value(Setting.SIGNING_KEYSTORE_ALIAS).split(","))
                .map(String::strip).filter(alias -> !alias.isEmpty()).toList();
        if (aliases.isEmpty()) {
            throw new InvalidSettingException(Setting.SIGNING_KEYSTORE_ALIAS, value(Setting.SIGNING_KEYSTORE_ALIAS),
                    "must name the keystore entry that signs when " + Setting.SIGNING_KEYSTORE_PATH.key() + " is set");
        }
        String password = value(Setting.SIGNING_KEYSTORE_PASSWORD);
        if (password.isEmpty()) {
            throw new InvalidSettingException(Setting.SIGNING_KEYSTORE_PASSWORD, "",
                    "the environment variable " + Setting.SIGNING_KEYSTORE_PASSWORD.environmentVariable()
                            + " must hold the keystore password when " + Setting.SIGNING_KEYSTORE_PATH.key()
                            + " is set");
        }
        try {
            return Optional.of(new SigningKeystore(Path.of(path), aliases, password));
        } catch (InvalidPathException e) {
            throw new InvalidSettingException(Setting.SIGNING_KEYSTORE_PATH, path, "must be a file path");
        }
    }

    /**
     * The identity source, and the settings of the one chosen. A WAR's own web.xml that sets a source not chosen holds
     * a typo or a forgotten switch, not a wish, so it fails the deployment as an incomplete one does; environment
     * variables and system properties are the whole server's, shared by WARs that may choose other sources.
     */
    private IdentitySettings identity() {
        String value = value(Setting.IDENTITY_SOURCE);
        IdentitySettings.Source source = Arrays.stream(IdentitySettings.Source.values())
                .filter(candidate -> candidate.value().equals(value)).findFirst()
                .orElseThrow(() -> new InvalidSettingException(Setting.IDENTITY_SOURCE, value,
                        "must be application, container, database or ldap"));
        for (Setting setting : Setting.values()) {
            Optional<IdentitySettings.Source> of = Arrays.stream(IdentitySettings.Source.values())
                    .filter(candidate -> setting.key().startsWith("auth.identity." + candidate.value() + "."))
                    .findFirst();
            String inWebXml = contextParams.apply(setting.key());
            if (of.isPresent() && of.get() != source && inWebXml != null
                    && !inWebXml.trim().equals(setting.defaultValue())) {
                throw new InvalidSettingException(Setting.IDENTITY_SOURCE, value, "must be " + of.get().value()
                        + " when web.xml sets " + setting.key());
            }
        }
        return new IdentitySettings(source,
                source == IdentitySettings.Source.CONTAINER ? Optional.of(container()) : Optional.empty(),
                source == IdentitySettings.Source.DATABASE ? Optional.of(database()) : Optional.empty(),
                source == IdentitySettings.Source.LDAP ? Optional.of(ldap()) : Optional.empty());
    }

    private IdentitySettings.Container container() {
        String value = value(Setting.IDENTITY_CONTAINER_GROUPS);
        List<String> groups = Arrays.stream(value.split(",")).map(String::strip).filter(g -> !g.isEmpty()).toList();
        for (String group : groups) {
            // "**" asks whether the caller is anyone at all (Servlet 6.0 section 13.3), "*" means every role.
            if (group.contains("*") || group.chars().anyMatch(Character::isWhitespace)) {
                throw new InvalidSettingException(Setting.IDENTITY_CONTAINER_GROUPS, value,
                        "must list role names, comma-separated, without * or spaces in a name");
            }
        }
        return new IdentitySettings.Container(groups);
    }

    private IdentitySettings.Database database() {
        String groupsQuery = value(Setting.IDENTITY_DATABASE_GROUPS_QUERY);
        if (!groupsQuery.isEmpty()) {
            oneParameter(Setting.IDENTITY_DATABASE_GROUPS_QUERY);
        }
        return new IdentitySettings.Database(required(Setting.IDENTITY_DATABASE_DATASOURCE, "database"),
                oneParameter(Setting.IDENTITY_DATABASE_CALLER_QUERY), groupsQuery);
    }

    /** A query that takes the caller's name as its one parameter, as Jakarta Security's database store passes it. */
    private String oneParameter(Setting setting) {
        String query = required(setting, "database");
        if (query.chars().filter(c -> c == '?').count() != 1) {
            throw new InvalidSettingException(setting, query, "must take the caller's name as its one parameter, ?");
        }
        return query;
    }

    private IdentitySettings.Ldap ldap() {
        String url = matching(Setting.IDENTITY_LDAP_URL, Pattern.compile("ldaps?://[^\\s/]+(/.*)?"),
                "must be an ldap:// or ldaps:// URL when " + Setting.IDENTITY_SOURCE.key() + " is ldap");
        String bindDn = value(Setting.IDENTITY_LDAP_BIND_DN);
        String password = value(Setting.IDENTITY_LDAP_BIND_PASSWORD);
        if (!bindDn.isEmpty() && password.isEmpty()) {
            throw new InvalidSettingException(Setting.IDENTITY_LDAP_BIND_PASSWORD, "", "the environment variable "
                    + Setting.IDENTITY_LDAP_BIND_PASSWORD.environmentVariable() + " must hold the password of "
                    + Setting.IDENTITY_LDAP_BIND_DN.key());
        }
        String callerBaseDn = value(Setting.IDENTITY_LDAP_CALLER_BASE_DN);
        String callerSearchBase = value(Setting.IDENTITY_LDAP_CALLER_SEARCH_BASE);
        if (callerBaseDn.isEmpty() == callerSearchBase.isEmpty()) {
            throw new InvalidSettingException(Setting.IDENTITY_LDAP_CALLER_SEARCH_BASE, callerSearchBase,
                    "set either it or " + Setting.IDENTITY_LDAP_CALLER_BASE_DN.key() + ", not both and not neither");
        }
        String callerFilter = value(Setting.IDENTITY_LDAP_CALLER_SEARCH_FILTER);
        oneName(Setting.IDENTITY_LDAP_CALLER_SEARCH_FILTER, callerFilter, "the caller's name");
        String groupFilter = value(Setting.IDENTITY_LDAP_GROUP_SEARCH_FILTER);
        oneName(Setting.IDENTITY_LDAP_GROUP_SEARCH_FILTER, groupFilter, "the caller's DN");
        return new IdentitySettings.Ldap(url,
                // Without a bind DN the search is anonymous, whatever password the server's environment holds.
                new IdentitySettings.Bind(bindDn, bindDn.isEmpty() ? "" : password),
                new IdentitySettings.Callers(callerBaseDn, callerSearchBase, callerFilter,
                        required(Setting.IDENTITY_LDAP_CALLER_NAME_ATTRIBUTE, "ldap"),
                        searchScope(Setting.IDENTITY_LDAP_CALLER_SEARCH_SCOPE)),
                new IdentitySettings.Groups(value(Setting.IDENTITY_LDAP_GROUP_SEARCH_BASE), groupFilter,
                        required(Setting.IDENTITY_LDAP_GROUP_MEMBER_ATTRIBUTE, "ldap"),
                        value(Setting.IDENTITY_LDAP_GROUP_MEMBER_OF_ATTRIBUTE),
                        required(Setting.IDENTITY_LDAP_GROUP_NAME_ATTRIBUTE, "ldap"),
                        searchScope(Setting.IDENTITY_LDAP_GROUP_SEARCH_SCOPE)),
                duration(Setting.IDENTITY_LDAP_READ_TIMEOUT));
    }

    private IdentitySettings.SearchScope searchScope(Setting setting) {
        String value = value(setting);
        return Arrays.stream(IdentitySettings.SearchScope.values()).filter(scope -> scope.value().equals(value))
                .findFirst().orElseThrow(() -> new InvalidSettingException(setting, value,
                        "must be one-level or subtree"));
    }

    /** An empty filter, or one the store can format with the one value it passes: exactly one %s, no other %. */
    private static void oneName(Setting setting, String filter, String what) {
        if (!filter.isEmpty() && (filter.split("%", -1).length != 2 || !filter.contains("%s"))) {
            throw new InvalidSettingException(setting, filter, "must hold %s once where " + what
                    + " goes, and no other %");
        }
    }

    private String required(Setting setting, String source) {
        String value = value(setting);
        if (value.isBlank()) {
            throw new InvalidSettingException(setting, value, "must be set when " + Setting.IDENTITY_SOURCE.key()
                    + " is " + source);
        }
        return value;
    }

    private Set<String> origins() {
        Set<String> origins = new LinkedHashSet<>();
        for (String origin : value(Setting.ALLOWED_ORIGINS).split(",")) {
            String trimmed = origin.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!ORIGIN.matcher(trimmed).matches()) {
                throw new InvalidSettingException(Setting.ALLOWED_ORIGINS, value(Setting.ALLOWED_ORIGINS),
                        "must be comma-separated origins such as https://app.example.com:8443");
            }
            // Browsers leave the default port out of Origin, so a configured one must go too.
            origins.add(trimmed.toLowerCase(Locale.ROOT).replaceFirst("^(http://[^/]+):80$", "$1")
                    .replaceFirst("^(https://[^/]+):443$", "$1"));
        }
        return origins;
    }

    /** A whole number within the setting's bounds. */
    private int integer(Setting setting) {
        Setting.NumberBounds bounds = (Setting.NumberBounds) setting.bounds();
        String value = value(setting);
        try {
            int number = Integer.parseInt(value);
            if (number >= bounds.min() && number <= bounds.max()) {
                return number;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new InvalidSettingException(setting, value, "must be a whole number from " + bounds.min() + " to "
                + bounds.max());
    }

    private boolean bool(Setting setting) {
        String value = value(setting);
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new InvalidSettingException(setting, value, "must be true or false");
    }
}
