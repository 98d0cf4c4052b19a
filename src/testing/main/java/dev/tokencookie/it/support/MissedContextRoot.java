package dev.tokencookie.it.support;

import java.util.logging.Logger;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.arquillian.container.spi.event.container.AfterDeploy;
import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.shrinkwrap.api.Archive;

/**
 * Gives a deployment back the context root that the Payara Micro adapter sometimes misses, so that a test's URL is not
 * the server's root. The adapter reads the deployed applications from the server's start-up report on its console as
 * soon as the report's first line is there; when the rest is not yet, it finds no application and the injected URL
 * loses the context root, and every request of the test class answers 404 (CI, Payara Micro 7, OutagePostgresIT, on
 * 2026-12-05). The tests' WARs are served at their archive's name on every server, so that name is the root. An
 * extension of its own, registered beside the asadmin container's, as Arquillian loads either.
 */
public class MissedContextRoot implements LoadableExtension {

    private static final Logger LOG = Logger.getLogger(MissedContextRoot.class.getName());

    @Inject
    private Instance<ProtocolMetaData> metaData;

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(MissedContextRoot.class);
    }

    /** Runs after every deployment, once its container's description of it is in. */
    public void restore(@Observes AfterDeploy deployed) {
        restore(metaData.get(), deployed.getDeployment().getArchive());
    }

    /** Adds the archive's root to each HTTP context that came back without any; contexts with servlets stay. */
    static void restore(ProtocolMetaData data, Archive<?> archive) {
        if (data == null || archive == null) {
            return;
        }
        String name = archive.getName();
        String root = name.endsWith(".war") ? name.substring(0, name.length() - ".war".length()) : name;
        for (HTTPContext context : data.getContexts(HTTPContext.class)) {
            if (context.getServlets().isEmpty()) {
                LOG.warning("The container adapter reported no application for " + name + "; the tests use /" + root);
                context.add(new Servlet("default", "/" + root));
            }
        }
    }
}
