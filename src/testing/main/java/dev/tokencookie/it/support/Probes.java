package dev.tokencookie.it.support;

import dev.tokencookie.it.support.Api.Reply;
import java.net.URI;
import java.net.URL;

/**
 * Test-only: where the server answers MicroProfile Health, which the WAR does not choose: Payara on the HTTP port,
 * WildFly on its management interface (port 19990 in the tests, arquillian.xml).
 */
public final class Probes {

    private Probes() {
    }

    public static Reply readiness(URL deployed) {
        return health(deployed).get("health/ready");
    }

    public static Reply liveness(URL deployed) {
        return health(deployed).get("health/live");
    }

    private static Api health(URL deployed) {
        int port = "wildfly".equals(System.getProperty("it.server")) ? 19990 : deployed.getPort();
        return new Api(URI.create("http://localhost:" + port + "/"));
    }
}
