package dev.tokencookie.auth.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The startup check that warns a WAR choosing the ldap source without the JDK LDAP client's timeouts, which Jakarta
 * Security's store does not set: it reads the jndi.properties files the JDK itself would merge.
 */
class LdapClientTimeoutsTest {

    @TempDir
    Path classes;

    @Test
    void bothTimeoutsInAJndiPropertiesOnTheClassPathCount() throws IOException {
        Files.writeString(classes.resolve("jndi.properties"),
                "com.sun.jndi.ldap.connect.timeout=3000\ncom.sun.jndi.ldap.read.timeout=12000\n");
        assertTrue(BuiltInStoreSettings.ldapClientTimeoutsSet(loader()));
    }

    @Test
    void oneTimeoutOrNoFileDoesNot() throws IOException {
        assertFalse(BuiltInStoreSettings.ldapClientTimeoutsSet(loader()));
        Files.writeString(classes.resolve("jndi.properties"), "com.sun.jndi.ldap.read.timeout=12000\n");
        assertFalse(BuiltInStoreSettings.ldapClientTimeoutsSet(loader()), "the bind waits as long as the connect");
    }

    private ClassLoader loader() throws IOException {
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, null);
    }
}
