package dev.tokencookie.identity;

import static dev.tokencookie.auth.control.BuiltInStoreSettings.BIND_DN;
import static dev.tokencookie.auth.control.BuiltInStoreSettings.BIND_PASSWORD;
import static dev.tokencookie.auth.control.BuiltInStoreSettings.CALLER_BASE_DN;
import static dev.tokencookie.auth.control.BuiltInStoreSettings.CALLER_NAME_ATTRIBUTE;
import static dev.tokencookie.auth.control.BuiltInStoreSettings.CALLER_QUERY;
import static dev.tokencookie.auth.control.BuiltInStoreSettings.CALLER_SEARCH_BASE;
import static dev.tokencookie.auth.control.BuiltInStoreSettings.CALLER_SEARCH_FILTER;
import static dev.tokencookie.auth.control.BuiltInStoreSettings.CALLER_SEARCH_SCOPE;
import static dev.tokencookie.auth.control.BuiltInStoreSettings.DATABASE_USE_FOR;
import static dev.tokencookie.auth.control.BuiltInStoreSettings.DATA_SOURCE;
import static dev.tokencookie.auth.control.BuiltInStoreSettings.GROUPS_QUERY;
import static dev.tokencookie.auth.control.BuiltInStoreSettings.GROUP_MEMBER_ATTRIBUTE;
import static dev.tokencookie.auth.control.BuiltInStoreSettings.GROUP_MEMBER_OF_ATTRIBUTE;
import static dev.tokencookie.auth.control.BuiltInStoreSettings.GROUP_NAME_ATTRIBUTE;
import static dev.tokencookie.auth.control.BuiltInStoreSettings.GROUP_SEARCH_BASE;
import static dev.tokencookie.auth.control.BuiltInStoreSettings.GROUP_SEARCH_FILTER;
import static dev.tokencookie.auth.control.BuiltInStoreSettings.GROUP_SEARCH_SCOPE;
import static dev.tokencookie.auth.control.BuiltInStoreSettings.LDAP_URL;
import static dev.tokencookie.auth.control.BuiltInStoreSettings.LDAP_USE_FOR;
import static dev.tokencookie.auth.control.BuiltInStoreSettings.READ_TIMEOUT;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.identitystore.DatabaseIdentityStoreDefinition;
import jakarta.security.enterprise.identitystore.LdapIdentityStoreDefinition;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;

/**
 * Declares Jakarta Security's built-in database and LDAP stores for the drop-in WAR, configured by the settings
 * ({@code auth.identity.source}), so that an operator chooses the users without code. Unused unless chosen.
 */
@ApplicationScoped
@DatabaseIdentityStoreDefinition(dataSourceLookup = DATA_SOURCE, callerQuery = CALLER_QUERY,
        groupsQuery = GROUPS_QUERY, hashAlgorithm = Pbkdf2PasswordHash.class, useForExpression = DATABASE_USE_FOR)
@LdapIdentityStoreDefinition(url = LDAP_URL, bindDn = BIND_DN, bindDnPassword = BIND_PASSWORD,
        callerBaseDn = CALLER_BASE_DN, callerSearchBase = CALLER_SEARCH_BASE, callerSearchFilter = CALLER_SEARCH_FILTER,
        callerNameAttribute = CALLER_NAME_ATTRIBUTE, callerSearchScopeExpression = CALLER_SEARCH_SCOPE,
        groupSearchBase = GROUP_SEARCH_BASE, groupSearchFilter = GROUP_SEARCH_FILTER,
        groupSearchScopeExpression = GROUP_SEARCH_SCOPE, groupMemberAttribute = GROUP_MEMBER_ATTRIBUTE,
        groupMemberOfAttribute = GROUP_MEMBER_OF_ATTRIBUTE, groupNameAttribute = GROUP_NAME_ATTRIBUTE,
        readTimeoutExpression = READ_TIMEOUT, useForExpression = LDAP_USE_FOR)
public class DropInIdentityStores {
}
