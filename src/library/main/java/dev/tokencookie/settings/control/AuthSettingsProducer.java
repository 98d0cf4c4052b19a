package dev.tokencookie.settings.control;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.servlet.ServletContext;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Reads the settings once when the application starts, so that an invalid value fails the deployment
 * rather than the first request.
 */
@ApplicationScoped
public class AuthSettingsProducer {

    private static final Logger LOG = Logger.getLogger(AuthSettingsProducer.class.getName());

    private volatile AuthSettings settings;

    @Inject
    Event<ModuleStarting> starting;

    /**
     * Takes the web.xml context-params from the start event itself where it carries the ServletContext (an injected
     * ServletContext is not available yet to a bean in a library jar at this point, and there the event may carry
     * none).
     */
    void readAtStartup(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class)
            ServletContext context) {
        read(context);
    }

    /**
     * Reads the settings once; servers start filters before or after the CDI start event, so whichever of the two
     * comes first (the event, or {@code SettingsListener}) reads them.
     */
    public synchronized void read(ServletContext context) {
        if (settings != null) {
            return;
        }
        Map<String, String> systemProperties = new HashMap<>();
        System.getProperties().forEach((k, v) -> systemProperties.put(String.valueOf(k), String.valueOf(v)));
        AuthSettings read = new SettingsReader(context::getInitParameter, systemProperties, System.getenv()).read();
        LOG.info(() -> "Token auth settings: " + read);
        settings = read;
        try {
            starting.fire(new ModuleStarting(read));
        } catch (RuntimeException e) {
            // Not started: the other trigger must not find the work done, and the deployment fails with this.
            settings = null;
            throw e;
        }
    }

    @Produces
    public AuthSettings settings() {
        AuthSettings read = settings;
        if (read == null) {
            throw new IllegalStateException("The settings are read when the web application starts");
        }
        return read;
    }
}
