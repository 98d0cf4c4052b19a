package dev.tokencookie.it.support.payaraserver;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Registers the asadmin-driven Payara Server container, only when the build runs the suite there
 * ({@code it.server=payara-server}): Arquillian takes one container adapter, and the other stages bring theirs.
 */
public class AsadminExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        if ("payara-server".equals(System.getProperty("it.server"))) {
            builder.service(DeployableContainer.class, AsadminContainer.class);
        }
    }
}
