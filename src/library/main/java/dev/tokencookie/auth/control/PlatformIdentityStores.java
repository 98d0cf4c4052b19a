package dev.tokencookie.auth.control;

import dev.tokencookie.settings.control.AuthSettings;
import dev.tokencookie.settings.control.IdentitySettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.identitystore.DatabaseIdentityStoreDefinition;
import jakarta.security.enterprise.identitystore.IdentityStore.ValidationType;
import jakarta.security.enterprise.identitystore.LdapIdentityStoreDefinition;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;

/**
 * Declares Jakarta Security's built-in database and LDAP identity stores, so that {@code auth.identity.source} chooses
 * the users without a line of Java. The definitions read the settings through expression language from this bean;
 * the store that is not chosen is used for nothing (an empty {@code useFor}), so that the application's own stores
 * alone answer by default.
 */
@ApplicationScoped
@Named("tokenCookieIdentity")
@DatabaseIdentityStoreDefinition(
        dataSourceLookup = "#{tokenCookieIdentity.database.dataSource()}",
        callerQuery = "#{tokenCookieIdentity.database.callerQuery()}",
        groupsQuery = "#{tokenCookieIdentity.database.groupsQuery()}",
        hashAlgorithm = Pbkdf2PasswordHash.class,
        useForExpression = "#{tokenCookieIdentity.databaseUseFor}")
@LdapIdentityStoreDefinition(
        url = "#{tokenCookieIdentity.ldap.url()}",
        bindDn = "#{tokenCookieIdentity.ldap.bind().dn()}",
        bindDnPassword = "#{tokenCookieIdentity.ldap.bind().password()}",
        callerBaseDn = "#{tokenCookieIdentity.ldap.callers().baseDn()}",
        callerSearchBase = "#{tokenCookieIdentity.ldap.callers().searchBase()}",
        callerSearchFilter = "#{tokenCookieIdentity.ldap.callers().searchFilter()}",
        callerNameAttribute = "#{tokenCookieIdentity.ldap.callers().nameAttribute()}",
        groupSearchBase = "#{tokenCookieIdentity.ldap.groups().searchBase()}",
        groupSearchFilter = "#{tokenCookieIdentity.ldap.groups().searchFilter()}",
        groupMemberAttribute = "#{tokenCookieIdentity.ldap.groups().memberAttribute()}",
        groupMemberOfAttribute = "#{tokenCookieIdentity.ldap.groups().memberOfAttribute()}",
        groupNameAttribute = "#{tokenCookieIdentity.ldap.groups().nameAttribute()}",
        readTimeoutExpression = "#{tokenCookieIdentity.ldapReadTimeoutMillis}",
        useForExpression = "#{tokenCookieIdentity.ldapUseFor}")
public class PlatformIdentityStores {

    private static final ValidationType[] UNUSED = {};
    private static final ValidationType[] VALIDATE_AND_GROUPS = {ValidationType.VALIDATE,
        ValidationType.PROVIDE_GROUPS};

    @Inject
    AuthSettings settings;

    /** Read once, when Jakarta Security creates the store; without a groups query the store validates only. */
    public ValidationType[] getDatabaseUseFor() {
        if (settings.identity().database().isEmpty()) {
            return UNUSED;
        }
        return getDatabase().groupsQuery().isEmpty() ? new ValidationType[] {ValidationType.VALIDATE}
                : VALIDATE_AND_GROUPS.clone();
    }

    public ValidationType[] getLdapUseFor() {
        return settings.identity().ldap().isPresent() ? VALIDATE_AND_GROUPS.clone() : UNUSED;
    }

    /** An unused store reads none of these: they answer only for the chosen one. */
    public IdentitySettings.Database getDatabase() {
        return settings.identity().database().orElseThrow();
    }

    public IdentitySettings.Ldap getLdap() {
        return settings.identity().ldap().orElseThrow();
    }

    public int getLdapReadTimeoutMillis() {
        return settings.identity().ldap().map(ldap -> (int) ldap.readTimeout().toMillis()).orElse(0);
    }
}
