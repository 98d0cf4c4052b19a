package dev.tokencookie.auth.control;

import dev.tokencookie.settings.control.IdentitySettings;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.security.enterprise.identitystore.DatabaseIdentityStoreDefinition;
import jakarta.security.enterprise.identitystore.LdapIdentityStoreDefinition;

/**
 * Notes whether the WAR declares the built-in stores that read {@link BuiltInStoreSettings}, so that choosing the
 * {@code database} or {@code ldap} source without them fails the deployment, instead of refusing every login.
 */
public class BuiltInStoreDeclarations implements Extension {

    private volatile boolean database;
    private volatile boolean ldap;

    void note(@Observes @WithAnnotations({DatabaseIdentityStoreDefinition.class, LdapIdentityStoreDefinition.class})
            ProcessAnnotatedType<?> type) {
        DatabaseIdentityStoreDefinition databaseStore = type.getAnnotatedType()
                .getAnnotation(DatabaseIdentityStoreDefinition.class);
        if (databaseStore != null && BuiltInStoreSettings.DATABASE_USE_FOR.equals(databaseStore.useForExpression())) {
            database = true;
        }
        LdapIdentityStoreDefinition ldapStore = type.getAnnotatedType()
                .getAnnotation(LdapIdentityStoreDefinition.class);
        if (ldapStore != null && BuiltInStoreSettings.LDAP_USE_FOR.equals(ldapStore.useForExpression())) {
            ldap = true;
        }
    }

    /** Whether the WAR declares the built-in store of this source that reads the module's settings. */
    boolean declares(IdentitySettings.Source source) {
        return switch (source) {
            case APPLICATION, CONTAINER -> true;
            case DATABASE -> database;
            case LDAP -> ldap;
        };
    }
}
