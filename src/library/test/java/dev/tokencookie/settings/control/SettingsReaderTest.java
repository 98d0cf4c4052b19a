package dev.tokencookie.settings.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsReaderTest {

    private static AuthSettings read(Map<String, String> contextParams, Map<String, String> systemProperties,
            Map<String, String> environment) {
        return new SettingsReader(contextParams::get, systemProperties, environment).read();
    }

    @Test
    void defaultsApplyWhenNothingIsSet() {
        AuthSettings settings = read(Map.of(), Map.of(), Map.of());
        assertEquals("token-cookie-auth", settings.issuer());
        assertEquals("api", settings.audience());
        assertEquals(Duration.ofMinutes(5), settings.accessToken().ttl());
        assertEquals(Duration.ofDays(14), settings.refreshToken().ttl());
        assertEquals(Duration.ofSeconds(30), settings.clockSkew());
        assertEquals("refresh_token", settings.refreshCookie().name());
        assertEquals("/api/auth", settings.refreshCookie().path());
        assertTrue(settings.refreshCookie().secure());
        assertEquals(java.util.Set.of(), settings.allowedOrigins());
        assertEquals(5, settings.login().maxFailures());
        assertEquals(Duration.ofMinutes(15), settings.login().failureWindow());
    }

    @Test
    void allowedOriginsAreAListOfOrigins() {
        AuthSettings settings = read(Map.of("auth.allowed-origins",
                " https://App.example.com:443 , http://localhost:3000"),
                Map.of(), Map.of());
        assertEquals(java.util.Set.of("https://app.example.com", "http://localhost:3000"), settings.allowedOrigins());
    }

    @Test
    void systemPropertyBeatsEnvironmentBeatsContextParam() {
        Map<String, String> web = Map.of("auth.issuer", "from-web-xml", "auth.audience", "web-aud",
                "auth.access-token.ttl", "PT1M");
        Map<String, String> env = Map.of("AUTH_ISSUER", "from-env", "AUTH_AUDIENCE", "env-aud");
        Map<String, String> sys = Map.of("auth.issuer", "from-sysprop");

        AuthSettings settings = read(web, sys, env);

        assertEquals("from-sysprop", settings.issuer());
        assertEquals("env-aud", settings.audience());
        assertEquals(Duration.ofMinutes(1), settings.accessToken().ttl());
    }

    @Test
    void environmentVariableNamesAreUpperCaseWithUnderscores() {
        assertEquals("AUTH_ACCESS_TOKEN_TTL", Setting.ACCESS_TOKEN_TTL.environmentVariable());
        assertEquals("AUTH_REFRESH_COOKIE_SECURE", Setting.REFRESH_COOKIE_SECURE.environmentVariable());
        assertFalse(read(Map.of(), Map.of(), Map.of("AUTH_REFRESH_COOKIE_SECURE", "false")).refreshCookie().secure());
    }

    @Test
    void invalidValuesNameTheSetting() {
        assertMessageNames("auth.access-token.ttl", Map.of("auth.access-token.ttl", "5 minutes"));
        assertMessageNames("auth.access-token.ttl", Map.of("auth.access-token.ttl", "PT0S"));
        assertMessageNames("auth.clock-skew", Map.of("auth.clock-skew", "-PT1S"));
        assertMessageNames("auth.clock-skew", Map.of("auth.clock-skew", "P1D"));
        assertMessageNames("auth.access-token.ttl", Map.of("auth.access-token.ttl", "P2D"));
        assertMessageNames("auth.refresh-token.ttl", Map.of("auth.refresh-token.ttl", "P1000D"));
        assertMessageNames("auth.refresh-token.ttl", Map.of("auth.refresh-token.ttl", "PT1M"));
        assertMessageNames("auth.refresh-cookie.secure", Map.of("auth.refresh-cookie.secure", "yes"));
        assertMessageNames("auth.refresh-cookie.name", Map.of("auth.refresh-cookie.name", "bad name;"));
        assertMessageNames("auth.refresh-cookie.path", Map.of("auth.refresh-cookie.path", "api/auth"));
        assertMessageNames("auth.issuer", Map.of("auth.issuer", " "));
        assertMessageNames("auth.realm", Map.of("auth.realm", "a\"b"));
        assertMessageNames("auth.allowed-origins", Map.of("auth.allowed-origins", "https://app.example.com/"));
        assertMessageNames("auth.allowed-origins", Map.of("auth.allowed-origins", "*"));
        assertMessageNames("auth.login.max-failures", Map.of("auth.login.max-failures", "0"));
        assertMessageNames("auth.login.max-failures", Map.of("auth.login.max-failures", "five"));
        assertMessageNames("auth.login.failure-window", Map.of("auth.login.failure-window", "PT0S"));
        assertMessageNames("auth.access-token.cache-size", Map.of("auth.access-token.cache-size", "-1"));
        assertMessageNames("auth.access-token.cache-size", Map.of("auth.access-token.cache-size", "2000000"));
        assertMessageNames("auth.revocation.propagation", Map.of("auth.revocation.propagation", "PT0S"));
        assertMessageNames("auth.revocation.propagation", Map.of("auth.revocation.propagation", "PT6M"));
        assertMessageNames("auth.signing.rotation-period", Map.of("auth.signing.rotation-period", "PT10M"));
        assertMessageNames("auth.signing.rotation-period", Map.of("auth.signing.rotation-period", "P400D"));
        assertMessageNames("auth.signing.keystore.alias", Map.of("auth.signing.keystore.path", "keys.p12"));
        assertMessageNames("auth.signing.keystore.path", Map.of("auth.signing.keystore.alias", "current"));
    }

    @Test
    void theKeystorePasswordComesFromTheEnvironmentOnlyAndIsNeverPrinted() {
        Map<String, String> web = Map.of("auth.signing.keystore.path", "/etc/keys.p12",
                "auth.signing.keystore.alias", "current, previous",
                "auth.signing.keystore.password", "from-web-xml");
        InvalidSettingException missing = assertThrows(InvalidSettingException.class,
                () -> read(web, Map.of("auth.signing.keystore.password", "from-sysprop"), Map.of()));
        assertTrue(missing.getMessage().contains("AUTH_SIGNING_KEYSTORE_PASSWORD"), missing.getMessage());
        assertFalse(missing.getMessage().contains("from-"), missing.getMessage());

        AuthSettings settings = read(web, Map.of(), Map.of("AUTH_SIGNING_KEYSTORE_PASSWORD", "s3cret-from-env"));

        SigningKeystore keystore = settings.signing().keystore().orElseThrow();
        assertEquals("s3cret-from-env", keystore.password());
        assertEquals(java.util.List.of("current", "previous"), keystore.aliases());
        assertFalse(settings.toString().contains("s3cret"), "the settings are logged at deployment");
    }

    @Test
    void theMetricsSecretComesFromTheEnvironmentOnlyIsLongEnoughAndIsNeverPrinted() {
        assertTrue(read(Map.of(), Map.of(), Map.of()).metrics().token().isEmpty(), "off by default");
        assertTrue(read(Map.of("auth.metrics.token", "from-web-xml-0123456789"),
                Map.of("auth.metrics.token", "from-sysprop-0123456789"), Map.of()).metrics().token().isEmpty());

        InvalidSettingException weak = assertThrows(InvalidSettingException.class,
                () -> read(Map.of(), Map.of(), Map.of("AUTH_METRICS_TOKEN", "short-secret")));
        assertTrue(weak.getMessage().contains("auth.metrics.token")
                && weak.getMessage().contains("AUTH_METRICS_TOKEN"), weak.getMessage());
        assertFalse(weak.getMessage().contains("short-secret"), weak.getMessage());

        AuthSettings settings = read(Map.of(), Map.of(),
                Map.of("AUTH_METRICS_TOKEN", "scraper-s3cret-of-the-test-0123456789"));

        ScrapeToken token = settings.metrics().token().orElseThrow();
        assertTrue(token.matches("scraper-s3cret-of-the-test-0123456789"));
        assertFalse(token.matches("scraper-s3cret-of-the-test-012345678"));
        assertFalse(token.matches(null));
        assertFalse(settings.toString().contains("s3cret"), "the settings are logged at deployment");
        assertTrue(settings.metrics().enabled(), "counting is on by default");
        assertFalse(read(Map.of("auth.metrics.enabled", "false"), Map.of(), Map.of()).metrics().enabled());
    }

    @Test
    void keysAreKeptInTheDatabaseAndRotatedMonthlyByDefault() {
        AuthSettings settings = read(Map.of(), Map.of(), Map.of());
        assertEquals(java.util.Optional.empty(), settings.signing().keystore());
        assertEquals(Duration.ofDays(30), settings.signing().rotationPeriod());
        assertEquals(Duration.ofSeconds(330), settings.keyPublicationLead());
    }

    @Test
    void theApplicationsOwnStoresAnswerByDefault() {
        IdentitySettings identity = read(Map.of(), Map.of(), Map.of()).identity();
        assertEquals(IdentitySettings.Source.APPLICATION, identity.source());
        assertEquals(java.util.Optional.empty(), identity.database());
        assertEquals(java.util.Optional.empty(), identity.ldap());
    }

    @Test
    void theContainerSourceAsksAboutTheListedGroupsOnly() {
        Map<String, String> web = Map.of("auth.identity.source", "container",
                "auth.identity.container.groups", " admin, staff ,,");
        IdentitySettings identity = read(web, Map.of(), Map.of()).identity();
        assertEquals(java.util.List.of("admin", "staff"), identity.container().orElseThrow().groups());
        assertEquals(java.util.Optional.empty(), identity.database());
        assertEquals(java.util.List.of(), read(Map.of("auth.identity.source", "container"), Map.of(), Map.of())
                .identity().container().orElseThrow().groups());

        assertMessageNames("auth.identity.container.groups", with(web, "auth.identity.container.groups", "admin,**"));
        assertMessageNames("auth.identity.container.groups", with(web, "auth.identity.container.groups",
                "Domain Admins"));
        assertMessageNames("auth.identity.source", with(web, "auth.identity.source", "ldap"));
        assertEquals(java.util.Optional.empty(), read(Map.of(), Map.of(), Map.of()).identity().container());
    }

    @Test
    void theDatabaseSourceNeedsADatasourceAndQueriesOfOneParameter() {
        Map<String, String> web = Map.of("auth.identity.source", "database",
                "auth.identity.database.datasource", "java:comp/DefaultDataSource",
                "auth.identity.database.caller-query", "select password from users where name = ?",
                "auth.identity.database.groups-query", "select grp from user_groups where name = ?");
        IdentitySettings.Database database = read(web, Map.of(), Map.of()).identity().database().orElseThrow();
        assertEquals("java:comp/DefaultDataSource", database.dataSource());
        assertEquals("select grp from user_groups where name = ?", database.groupsQuery());

        assertMessageNames("auth.identity.database.datasource", without(web, "auth.identity.database.datasource"));
        assertMessageNames("auth.identity.database.caller-query", with(web, "auth.identity.database.caller-query",
                "select password from users"));
        assertMessageNames("auth.identity.database.groups-query", with(web, "auth.identity.database.groups-query",
                "select grp from user_groups where name = ? or name = ?"));
        assertMessageNames("auth.identity.source", with(web, "auth.identity.source", "jdbc"));
        assertMessageNames("auth.identity.source", with(web, "auth.identity.source", "application"));
    }

    @Test
    void theLdapSourceTakesItsBindPasswordFromTheEnvironmentOnlyAndNeverPrintsIt() {
        Map<String, String> web = Map.of("auth.identity.source", "ldap",
                "auth.identity.ldap.url", "ldap://directory.example.com:389",
                "auth.identity.ldap.bind-dn", "cn=searcher,dc=example,dc=com",
                "auth.identity.ldap.caller-search-base", "ou=people,dc=example,dc=com",
                "auth.identity.ldap.bind-password", "from-web-xml");
        InvalidSettingException missing = assertThrows(InvalidSettingException.class,
                () -> read(web, Map.of("auth.identity.ldap.bind-password", "from-sysprop"), Map.of()));
        assertTrue(missing.getMessage().contains("AUTH_IDENTITY_LDAP_BIND_PASSWORD"), missing.getMessage());
        assertFalse(missing.getMessage().contains("from-"), missing.getMessage());

        AuthSettings settings = read(web, Map.of(), Map.of("AUTH_IDENTITY_LDAP_BIND_PASSWORD", "s3cret-from-env"));
        IdentitySettings.Ldap ldap = settings.identity().ldap().orElseThrow();
        assertEquals("s3cret-from-env", ldap.bind().password());
        assertEquals("uid", ldap.callers().nameAttribute());
        assertEquals(Duration.ofSeconds(5), ldap.readTimeout());
        assertEquals(IdentitySettings.SearchScope.ONE_LEVEL, ldap.callers().searchScope(), "Jakarta Security's");
        assertEquals(IdentitySettings.SearchScope.ONE_LEVEL, ldap.groups().searchScope());
        assertFalse(settings.toString().contains("s3cret"), "the settings are logged at deployment");

        Map<String, String> anonymous = without(web, "auth.identity.ldap.bind-dn");
        assertEquals(new IdentitySettings.Bind("", ""), read(anonymous, Map.of(),
                Map.of("AUTH_IDENTITY_LDAP_BIND_PASSWORD", "another-wars-password")).identity().ldap().orElseThrow()
                .bind(), "the environment is the server's");
        assertMessageNames("auth.identity.ldap.url", with(anonymous, "auth.identity.ldap.url", "http://directory"));
        assertMessageNames("auth.identity.ldap.caller-search-base", with(anonymous,
                "auth.identity.ldap.caller-base-dn", "ou=people,dc=example,dc=com"));
        assertMessageNames("auth.identity.ldap.caller-search-base", without(anonymous,
                "auth.identity.ldap.caller-search-base"));
        for (String filter : new String[] {"(uid=alice)", "(|(uid=%s)(mail=%s))", "(uid=%s)(x=100%)"}) {
            assertMessageNames("auth.identity.ldap.caller-search-filter", with(anonymous,
                    "auth.identity.ldap.caller-search-filter", filter));
        }
        Map<String, String> subtree = with(with(anonymous, "auth.identity.ldap.caller-search-scope", "subtree"),
                "auth.identity.ldap.group-search-scope", "subtree");
        IdentitySettings.Ldap deep = read(subtree, Map.of(), Map.of()).identity().ldap().orElseThrow();
        assertEquals(IdentitySettings.SearchScope.SUBTREE, deep.callers().searchScope());
        assertEquals(IdentitySettings.SearchScope.SUBTREE, deep.groups().searchScope());
        for (String scope : new String[] {"sub", "SUBTREE", "object", ""}) {
            assertMessageNames("auth.identity.ldap.group-search-scope", with(anonymous,
                    "auth.identity.ldap.group-search-scope", scope));
        }
        assertMessageNames("auth.identity.source", Map.of("auth.identity.ldap.url", "ldap://directory:389"));
        assertEquals(IdentitySettings.Source.APPLICATION, read(Map.of(), Map.of("auth.identity.ldap.url",
                "ldap://directory:389"), Map.of("AUTH_IDENTITY_LDAP_URL", "ldap://directory:389")).identity().source(),
                "a server-wide setting of another WAR's source is no typo in this one");
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> changed = new java.util.HashMap<>(base);
        changed.put(key, value);
        return changed;
    }

    private static Map<String, String> without(Map<String, String> base, String key) {
        Map<String, String> changed = new java.util.HashMap<>(base);
        changed.remove(key);
        return changed;
    }

    private static void assertMessageNames(String setting, Map<String, String> contextParams) {
        assertMessageNames(setting, contextParams, Map.of());
    }

    private static void assertMessageNames(String setting, Map<String, String> contextParams,
            Map<String, String> environment) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> read(contextParams, Map.of(), environment));
        assertTrue(e.getMessage().startsWith("Invalid setting " + setting + "="), e.getMessage());
    }
}
