package dev.tokencookie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tokencookie.it.deployed.TestUsers;
import dev.tokencookie.it.support.Api;
import dev.tokencookie.it.support.Api.Reply;
import dev.tokencookie.it.support.Deployments;
import dev.tokencookie.it.support.PostgresServer;
import jakarta.json.JsonObject;
import java.net.URL;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What docs/library.md tells a team that runs two WARs with the module on one datasource: they share the module's
 * tables, so its signing keys and its sessions, while each WAR's own issuer keeps the other's tokens out. On
 * PostgreSQL, the one datasource every server here gives both WARs (Payara Micro starts a process per deployment, each
 * with an embedded H2 of its own).
 */
@Tag("postgres")
// Not a ServerTest: the database must be up before the deployments.
@ExtendWith({PostgresServer.class, ArquillianExtension.class})
class SharedTablesIT {

    @Deployment(name = "drop-in", order = 1, testable = false)
    static WebArchive dropIn() {
        return Deployments.war();
    }

    @Deployment(name = "shop", order = 2, testable = false)
    static WebArchive shop() {
        return Deployments.teamWar(false);
    }

    @ArquillianResource
    @OperateOnDeployment("drop-in")
    URL dropInUrl;

    @ArquillianResource
    @OperateOnDeployment("shop")
    URL shopUrl;

    @Test
    void twoWarsOnOneDatasourceShareKeysAndSessionsButNotTokens() {
        Api dropIn = new Api(Deployments.onLocalhost(dropInUrl));
        Api shop = new Api(Deployments.onLocalhost(shopUrl));

        Set<String> dropInKeys = kids(dropIn.get("api/auth/jwks"));
        assertFalse(dropInKeys.isEmpty());
        assertEquals(dropInKeys, kids(shop.get("account/auth/jwks")), "one table of signing keys");

        Reply inShop = shop.loginAt("account/auth/login", TestUsers.USER, TestUsers.USER_PASSWORD);
        assertEquals(200, inShop.status(), inShop.body());
        String dropInBearer = "Bearer " + dropIn.login(TestUsers.USER, TestUsers.USER_PASSWORD).json()
                .getString("access_token");
        Reply sessions = dropIn.get("api/auth/sessions", "Authorization", dropInBearer);
        assertEquals(200, sessions.status(), sessions.body());
        assertEquals(2, sessions.jsonArray().size(), "the drop-in WAR lists the session begun in the shop too");

        String shopBearer = "Bearer " + inShop.json().getString("access_token");
        Reply crossed = dropIn.get("api/me", "Authorization", shopBearer);
        assertEquals(401, crossed.status(), "the shop's issuer is not the drop-in WAR's: " + crossed.body());
    }

    private static Set<String> kids(Reply jwks) {
        assertEquals(200, jwks.status(), jwks.body());
        return jwks.json().getJsonArray("keys").getValuesAs(JsonObject.class).stream()
                .map(key -> key.getString("kid")).collect(Collectors.toSet());
    }
}
