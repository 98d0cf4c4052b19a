package dev.tokencookie.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.List;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

class MissedContextRootTest {

    private static final WebArchive WAR = ShrinkWrap.create(WebArchive.class, "token-cookie-auth.war");

    @Test
    void aContextThatCameBackWithoutServletsGetsTheArchivesRoot() {
        HTTPContext context = new HTTPContext("192.0.2.2", 8865);
        ProtocolMetaData data = new ProtocolMetaData().addContext(context);

        MissedContextRoot.restore(data, WAR);

        assertEquals(List.of(URI.create("http://192.0.2.2:8865/token-cookie-auth/")),
                context.getServlets().stream().map(Servlet::getBaseURI).toList());
    }

    @Test
    void aContextWithItsServletsIsLeftAsTheContainerGaveIt() {
        HTTPContext context = new HTTPContext("192.0.2.2", 8865).add(new Servlet("default", "/shop"));
        ProtocolMetaData data = new ProtocolMetaData().addContext(context);

        MissedContextRoot.restore(data, WAR);

        assertEquals(List.of(URI.create("http://192.0.2.2:8865/shop/")),
                context.getServlets().stream().map(Servlet::getBaseURI).toList());
    }
}
