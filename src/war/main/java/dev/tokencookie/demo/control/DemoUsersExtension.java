package dev.tokencookie.demo.control;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import java.util.logging.Logger;

/**
 * Keeps the demo identity store out of the application unless the system property {@code auth.demo-users} or the
 * environment variable {@code AUTH_DEMO_USERS} is true, as only the run mode sets it.
 */
public class DemoUsersExtension implements Extension {

    static final String SWITCH = "auth.demo-users";

    private static final Logger LOG = Logger.getLogger(DemoUsersExtension.class.getName());

    void vetoUnlessEnabled(@Observes ProcessAnnotatedType<DemoIdentityStore> type) {
        if (enabled()) {
            LOG.warning("Demo users alice and bob are enabled (" + SWITCH + "=true): never in production");
        } else {
            type.veto();
        }
    }

    // Deliberately not a web.xml setting: a switch inside the WAR would be too easy to ship to production.
    static boolean enabled() {
        String value = System.getProperty(SWITCH, System.getenv("AUTH_DEMO_USERS"));
        return Boolean.parseBoolean(value);
    }
}
