package dev.tokencookie.it;

import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The one place that builds the test deployment: the WAR that the build produced, as a team would deploy it, plus
 * test-only users and helpers.
 */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive war() {
        File built = new File(System.getProperty("war.file", "target/token-cookie-auth.war"));
        if (!built.isFile()) {
            throw new IllegalStateException("Build the WAR first (./mvnw verify runs package before the ITs): " + built);
        }
        return ShrinkWrap.create(ZipImporter.class, "token-cookie-auth.war")
                .importFrom(built)
                .as(WebArchive.class)
                .addClasses(TestUsers.class, TestTokenServlet.class, TestRefreshTokenRows.class, WhoAmIResource.class);
    }

    /**
     * Payara Micro reports the machine's address, not loopback; the tests talk to localhost on the same port and path.
     */
    public static URI onLocalhost(URL deployed) {
        try {
            return new URI("http", null, "localhost", deployed.getPort(), deployed.getPath(), null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
