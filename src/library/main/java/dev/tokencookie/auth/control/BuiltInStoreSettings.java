package dev.tokencookie.auth.control;

import dev.tokencookie.settings.control.AuthSettings;
import dev.tokencookie.settings.control.IdentitySettings;
import dev.tokencookie.settings.control.InvalidSettingException;
import dev.tokencookie.settings.control.ModuleStarting;
import dev.tokencookie.settings.control.Setting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.identitystore.IdentityStore.ValidationType;
import jakarta.security.enterprise.identitystore.LdapIdentityStoreDefinition.LdapSearchScope;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The settings of Jakarta Security's built-in database and LDAP stores, for the expression-language attributes of
 * their definitions: {@code auth.identity.source} chooses the users without a line of Java. The definitions themselves
 * stand on a class of the WAR (the drop-in WAR's {@code DropInIdentityStores}), not in this library, because the
 * implementation keeps one instance per kind of definition: a team's own {@code @DatabaseIdentityStoreDefinition} and
 * one of the module's would share it. The store not chosen is used for nothing (an empty {@code useFor}).
 */
@ApplicationScoped
@Named("tokenCookieIdentity")
public class BuiltInStoreSettings {

    /** The {@code useForExpression} by which {@link BuiltInStoreDeclarations} knows the module's definitions. */
    public static final String DATABASE_USE_FOR = "#{tokenCookieIdentity.databaseUseFor}";
    public static final String DATA_SOURCE = "#{tokenCookieIdentity.database.dataSource()}";
    public static final String CALLER_QUERY = "#{tokenCookieIdentity.database.callerQuery()}";
    public static final String GROUPS_QUERY = "#{tokenCookieIdentity.database.groupsQuery()}";

    public static final String LDAP_USE_FOR = "#{tokenCookieIdentity.ldapUseFor}";
    public static final String LDAP_URL = "#{tokenCookieIdentity.ldap.url()}";
    public static final String BIND_DN = "#{tokenCookieIdentity.ldap.bind().dn()}";
    /** Any expression in the application can read this one too: the price of configuring the store through EL. */
    public static final String BIND_PASSWORD = "#{tokenCookieIdentity.ldap.bind().password()}";
    public static final String CALLER_BASE_DN = "#{tokenCookieIdentity.ldap.callers().baseDn()}";
    public static final String CALLER_SEARCH_BASE = "#{tokenCookieIdentity.ldap.callers().searchBase()}";
    public static final String CALLER_SEARCH_FILTER = "#{tokenCookieIdentity.ldap.callers().searchFilter()}";
    public static final String CALLER_NAME_ATTRIBUTE = "#{tokenCookieIdentity.ldap.callers().nameAttribute()}";
    public static final String CALLER_SEARCH_SCOPE = "#{tokenCookieIdentity.ldapCallerSearchScope}";
    public static final String GROUP_SEARCH_BASE = "#{tokenCookieIdentity.ldap.groups().searchBase()}";
    public static final String GROUP_SEARCH_FILTER = "#{tokenCookieIdentity.ldap.groups().searchFilter()}";
    public static final String GROUP_MEMBER_ATTRIBUTE = "#{tokenCookieIdentity.ldap.groups().memberAttribute()}";
    public static final String GROUP_MEMBER_OF_ATTRIBUTE = "#{tokenCookieIdentity.ldap.groups().memberOfAttribute()}";
    public static final String GROUP_NAME_ATTRIBUTE = "#{tokenCookieIdentity.ldap.groups().nameAttribute()}";
    public static final String GROUP_SEARCH_SCOPE = "#{tokenCookieIdentity.ldapGroupSearchScope}";
    public static final String READ_TIMEOUT = "#{tokenCookieIdentity.ldapReadTimeoutMillis}";

    private static final ValidationType[] UNUSED = {};

    private static final Logger LOG = Logger.getLogger(BuiltInStoreSettings.class.getName());

    /** The JDK's LDAP client's own bounds, which it reads from its environment only. */
    static final List<String> LDAP_CLIENT_TIMEOUTS = List.of("com.sun.jndi.ldap.connect.timeout",
            "com.sun.jndi.ldap.read.timeout");

    @Inject
    AuthSettings settings;

    void check(@Observes ModuleStarting started, BuiltInStoreDeclarations declarations) {
        IdentitySettings.Source source = started.settings().identity().source();
        if (!declarations.declares(source)) {
            throw new InvalidSettingException(Setting.IDENTITY_SOURCE, source.value(), "needs the " + source.value()
                    + " store's definition that reads the module's settings; the drop-in WAR has it, a WAR of your"
                    + " own declares it as docs/users-and-roles.md shows");
        }
        if (source == IdentitySettings.Source.LDAP
                && !ldapClientTimeoutsSet(Thread.currentThread().getContextClassLoader())) {
            LOG.warning("auth.identity.source is ldap, but no jndi.properties on the application's class path sets "
                    + String.join(" and ", LDAP_CLIENT_TIMEOUTS) + ": a directory that takes connections and never"
                    + " answers will hold each login's request thread (docs/users-and-roles.md, \"A directory that"
                    + " hangs\")");
        }
    }

    /**
     * Whether a {@code jndi.properties} that the JDK merges into the LDAP store's connections sets both timeouts: the
     * store sets none, and the library ships no such file (it would bound a team's own LDAP code too).
     */
    static boolean ldapClientTimeoutsSet(ClassLoader application) {
        try {
            Enumeration<URL> files = application.getResources("jndi.properties");
            Properties merged = new Properties();
            while (files.hasMoreElements()) {
                try (InputStream in = files.nextElement().openStream()) {
                    merged.load(in);
                }
            }
            return LDAP_CLIENT_TIMEOUTS.stream().allMatch(merged::containsKey);
        } catch (IOException e) {
            return false;
        }
    }

    /** Read once, when Jakarta Security creates the store; without a groups query the store validates only. */
    public ValidationType[] getDatabaseUseFor() {
        if (settings.identity().database().isEmpty()) {
            return UNUSED;
        }
        return getDatabase().groupsQuery().isEmpty() ? new ValidationType[] {ValidationType.VALIDATE}
                : new ValidationType[] {ValidationType.VALIDATE, ValidationType.PROVIDE_GROUPS};
    }

    public ValidationType[] getLdapUseFor() {
        return settings.identity().ldap().isPresent()
                ? new ValidationType[] {ValidationType.VALIDATE, ValidationType.PROVIDE_GROUPS} : UNUSED;
    }

    /** An unused store reads none of these: they answer only for the chosen one. */
    public IdentitySettings.Database getDatabase() {
        return settings.identity().database().orElseThrow();
    }

    public IdentitySettings.Ldap getLdap() {
        return settings.identity().ldap().orElseThrow();
    }

    public LdapSearchScope getLdapCallerSearchScope() {
        return scope(getLdap().callers().searchScope());
    }

    public LdapSearchScope getLdapGroupSearchScope() {
        return scope(getLdap().groups().searchScope());
    }

    private static LdapSearchScope scope(IdentitySettings.SearchScope scope) {
        return scope == IdentitySettings.SearchScope.SUBTREE ? LdapSearchScope.SUBTREE : LdapSearchScope.ONE_LEVEL;
    }

    public int getLdapReadTimeoutMillis() {
        return settings.identity().ldap().map(ldap -> (int) ldap.readTimeout().toMillis()).orElse(0);
    }
}
