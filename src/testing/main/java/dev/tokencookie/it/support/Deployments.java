package dev.tokencookie.it.support;

import dev.tokencookie.it.deployed.CallerName;
import dev.tokencookie.it.deployed.HostileTokens;
import dev.tokencookie.it.deployed.LogCapture;
import dev.tokencookie.it.deployed.ReuseAlarms;
import dev.tokencookie.it.deployed.ServerRefusals;
import dev.tokencookie.it.deployed.TeamFilesResource;
import dev.tokencookie.it.deployed.TeamTreeResource;
import dev.tokencookie.it.deployed.TestRefreshTokenRows;
import dev.tokencookie.it.deployed.TestSigningKeyRows;
import dev.tokencookie.it.deployed.TestUsers;
import dev.tokencookie.it.deployed.WhoAmIResource;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.tokencookie.it.deployed.library.TeamAdminResource;
import dev.tokencookie.it.deployed.library.TeamListedApplication;
import dev.tokencookie.it.deployed.library.TeamOrdersResource;
import dev.tokencookie.it.deployed.library.TeamReportsResource;
import dev.tokencookie.it.deployed.library.TeamScannedApplication;
import dev.tokencookie.it.deployed.library.TeamStatusResource;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.Filters;
import org.jboss.shrinkwrap.api.asset.Asset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The one place that builds the test deployment: the WAR that the build produced, as a team would deploy it, plus
 * test-only users and helpers.
 */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive war() {
        return war(Map.of());
    }

    /**
     * The WAR with some settings changed in its web.xml, as a team would configure it.
     *
     * @param settings setting name to value, e.g. {@code auth.refresh-token.idle-ttl} to {@code PT3S}
     */
    public static WebArchive war(Map<String, String> settings) {
        WebArchive war = testWar();
        if (!settings.isEmpty()) {
            String webXml = read(war.get("/WEB-INF/web.xml").getAsset());
            for (Map.Entry<String, String> setting : settings.entrySet()) {
                Matcher param = Pattern.compile("(<param-name>" + Pattern.quote(setting.getKey())
                        + "</param-name>\\s*<param-value>)[^<]*(</param-value>)").matcher(webXml);
                if (!param.find()) {
                    throw new IllegalArgumentException("web.xml has no context-param " + setting.getKey());
                }
                webXml = param.replaceFirst("$1" + Matcher.quoteReplacement(setting.getValue()) + "$2");
            }
            war.delete("/WEB-INF/web.xml");
            war.setWebXML(new StringAsset(webXml));
        }
        return war;
    }

    /** web.xml of a team's own WAR that uses the module as a library: the filter, and one setting of its own. */
    private static final String TEAM_WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                <context-param>
                    <param-name>auth.issuer</param-name>
                    <param-value>team-app</param-value>
                </context-param>
                <filter>
                    <filter-name>SecurityHeaders</filter-name>
                    <filter-class>dev.tokencookie.headers.boundary.SecurityHeadersFilter</filter-class>
                </filter>
                <filter-mapping>
                    <filter-name>SecurityHeaders</filter-name>
                    <url-pattern>/api/*</url-pattern>
                    <url-pattern>/listed/*</url-pattern>
                    <url-pattern>/scanned/*</url-pattern>
                </filter-mapping>
                <filter>
                    <filter-name>BearerTokenFilter</filter-name>
                    <filter-class>dev.tokencookie.accesstoken.boundary.BearerTokenFilter</filter-class>
                    <init-param>
                        <param-name>excluded-paths</param-name>
                        <param-value>/api/auth/login, /api/auth/refresh, /api/auth/logout, /api/auth/jwks,
                            /listed/status, /listed/reports/*</param-value>
                    </init-param>
                </filter>
                <filter-mapping>
                    <filter-name>BearerTokenFilter</filter-name>
                    <url-pattern>/api/*</url-pattern>
                    <url-pattern>/listed/*</url-pattern>
                    <url-pattern>/scanned/*</url-pattern>
                </filter-mapping>
            </web-app>
            """;

    /**
     * A team's own WAR built from the module's classes jar (the build's {@code -classes} artifact) and the libraries it
     * needs, a minimal web.xml of its own, its own identity store and its own resource.
     */
    public static WebArchive teamWar() {
        File classes = new File(System.getProperty("classes.jar", "target/token-cookie-auth-classes.jar"));
        if (!classes.isFile()) {
            throw new IllegalStateException("Build the classes jar first (./mvnw verify packages it): " + classes);
        }
        WebArchive team = ShrinkWrap.create(WebArchive.class, "team-app.war")
                .addAsLibrary(freshSchema(ShrinkWrap.create(ZipImporter.class, classes.getName())
                        .importFrom(classes).as(JavaArchive.class), "/META-INF/persistence.xml"))
                .addClasses(TestUsers.class, TestRefreshTokenRows.class, TeamOrdersResource.class,
                        TeamListedApplication.class, TeamScannedApplication.class, TeamAdminResource.class,
                        TeamStatusResource.class,
                        TeamReportsResource.class)
                .setWebXML(new StringAsset(TEAM_WEB_XML.strip()))
                // As the README tells teams on Payara: its own roles check would not see the module's caller.
                .addAsWebInfResource(new File("webapp/WEB-INF/payara-web.xml"), "payara-web.xml");
        // The module's own dependencies (jose4j and its logging API), as Maven would bring them into the team's WAR.
        builtWar().getContent(Filters.include("/WEB-INF/lib/.*\\.jar"))
                .forEach((path, node) -> team.add(node.getAsset(), path));
        return team;
    }

    /**
     * On a server that outlives deployments (WildFly, {@code -Dit.fresh-schema=true}), the default datasource keeps the
     * tables of the test classes before; this makes each deployment start on empty ones, as on a new Payara Micro.
     */
    private static <T extends Archive<T>> T freshSchema(T archive, String persistenceXml) {
        if (!Boolean.getBoolean("it.fresh-schema") || !archive.contains(persistenceXml)) {
            return archive;
        }
        String xml = read(archive.get(persistenceXml).getAsset()).replace(
                "name=\"jakarta.persistence.schema-generation.database.action\" value=\"create\"",
                "name=\"jakarta.persistence.schema-generation.database.action\" value=\"drop-and-create\"");
        archive.delete(persistenceXml);
        archive.add(new StringAsset(xml), persistenceXml);
        return archive;
    }

    private static String read(Asset asset) {
        try (InputStream in = asset.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static WebArchive builtWar() {
        File built = new File(System.getProperty("war.file", "target/token-cookie-auth.war"));
        if (!built.isFile()) {
            throw new IllegalStateException("Build the WAR first (./mvnw verify runs package before the ITs): " + built);
        }
        return freshSchema(ShrinkWrap.create(ZipImporter.class, "token-cookie-auth.war")
                .importFrom(built)
                .as(WebArchive.class), "/WEB-INF/classes/META-INF/persistence.xml");
    }

    private static WebArchive testWar() {
        return builtWar()
                .addClasses(TestUsers.class, TestRefreshTokenRows.class, WhoAmIResource.class,
                        ReuseAlarms.class, LogCapture.class, HostileTokens.class, TestSigningKeyRows.class,
                        TeamFilesResource.class, TeamTreeResource.class, CallerName.class, ServerRefusals.class,
                        ServerRefusals.Arm.class);
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
