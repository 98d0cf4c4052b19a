package dev.tokencookie.it.support;

import java.net.URL;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every in-container test class shares: the deployed application's URL and a client for it on localhost.
 * Each subclass declares its own {@code @Deployment}, built by {@link Deployments}.
 */
@ExtendWith(ArquillianExtension.class)
public abstract class ServerTest {

    @ArquillianResource
    protected URL deployed;

    public Api api() {
        return new Api(Deployments.onLocalhost(deployed));
    }
}
