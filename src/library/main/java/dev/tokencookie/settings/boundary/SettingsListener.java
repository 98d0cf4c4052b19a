package dev.tokencookie.settings.boundary;

import dev.tokencookie.settings.control.AuthSettingsProducer;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Reads the settings when the web application starts, before any filter is initialised: the bearer-token filter
 * needs them, and some servers start filters before the CDI start event. With the server's own users, it declares the
 * groups the module asks about as the application's roles, which the containers answer isUserInRole for.
 */
@WebListener
public class SettingsListener implements ServletContextListener {

    @Inject
    AuthSettingsProducer settings;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        settings.read(event.getServletContext());
        settings.settings().identity().container().ifPresent(container -> event.getServletContext()
                .declareRoles(container.groups().toArray(String[]::new)));
    }
}
