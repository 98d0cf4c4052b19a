package dev.tokencookie.settings.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
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

    @Inject
    ServletContext servletContext;

    private AuthSettings settings;

    @PostConstruct
    void read() {
        Map<String, String> systemProperties = new HashMap<>();
        System.getProperties().forEach((k, v) -> systemProperties.put(String.valueOf(k), String.valueOf(v)));
        settings = new SettingsReader(servletContext::getInitParameter, systemProperties, System.getenv()).read();
        LOG.info(() -> "Token auth settings: " + settings);
    }

    void validateAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // Observing the start event creates this bean, and reading happens in @PostConstruct.
    }

    @Produces
    public AuthSettings settings() {
        return settings;
    }
}
