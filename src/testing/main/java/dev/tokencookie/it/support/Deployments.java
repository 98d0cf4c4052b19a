package dev.tokencookie.it.support;

import dev.tokencookie.it.deployed.CallerName;
import dev.tokencookie.it.deployed.HostileTokens;
import dev.tokencookie.it.deployed.LogCapture;
import dev.tokencookie.it.deployed.ReuseAlarms;
import dev.tokencookie.it.deployed.SecurityEvents;
import dev.tokencookie.it.deployed.ServerRefusals;
import dev.tokencookie.it.deployed.TeamFilesResource;
import dev.tokencookie.it.deployed.TeamTreeResource;
import dev.tokencookie.it.deployed.TestCommitFailure;
import dev.tokencookie.it.deployed.TestDatabaseSession;
import dev.tokencookie.it.deployed.TestRefreshTokenRows;
import dev.tokencookie.it.deployed.TestSigningKeyRows;
import dev.tokencookie.it.deployed.TestUsers;
import dev.tokencookie.it.deployed.WhoAmIResource;
import dev.tokencookie.it.deployed.container.ContainerCallerResource;
import dev.tokencookie.it.deployed.container.Ledger;
import dev.tokencookie.it.deployed.container.ReportsServlet;
import dev.tokencookie.it.deployed.identity.DatabaseUsers;
import dev.tokencookie.it.deployed.library.TeamAdminResource;
import dev.tokencookie.it.deployed.library.TeamFaultsResource;
import dev.tokencookie.it.deployed.library.TeamListedApplication;
import dev.tokencookie.it.deployed.library.TeamMixedApplication;
import dev.tokencookie.it.deployed.library.TeamReportsResource;
import dev.tokencookie.it.deployed.library.TeamScannedApplication;
import dev.tokencookie.it.deployed.library.TeamStatusResource;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.Asset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The one place that builds the test deployment: the WAR that the build produced, as a team would deploy it, plus
 * test-only users and helpers.
 */
public final class Deployments {

    private static final String JCA_POSTGRES = "org.jboss.jca.adapters.jdbc.extensions.postgres";

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
        return configured(testWar(), settings);
    }

    /**
     * The WAR as built, with the given settings and classes but without the test users: for the identity sources,
     * whose users must be the only ones that sign in.
     */
    public static WebArchive withoutTestUsers(Map<String, String> settings, Class<?>... classes) {
        return configured(builtWar().addClasses(classes), settings);
    }

    /**
     * The same from another build of the WAR, so that a benchmark can set two commits' WARs side by side, each
     * configured alike.
     */
    public static WebArchive withoutTestUsers(File built, Map<String, String> settings, Class<?>... classes) {
        return configured(builtWar(built).addClasses(classes), settings);
    }

    /**
     * The JNDI name under which {@link #withTeamUsersDatabase} declares a team's users datasource: WildFly's deployable
     * datasources live under java:jboss/.
     */
    public static String teamUsersDataSource() {
        return wildfly() ? "java:jboss/datasources/TeamUsersDS" : "java:app/jdbc/team-users";
    }

    /**
     * The WAR without the test users, with the database store's table in a team's own PostgreSQL database, apart from
     * the module's, as most teams have, through a datasource the WAR declares under {@link #teamUsersDataSource()}
     * with a pool that checks its connections, so that it heals after an outage. On Payara a {@code <data-source>} in
     * web.xml, with Payara's pool properties and the driver in WEB-INF/lib; on WildFly, whose web.xml datasources take
     * no connection check and keep a dead connection for good, a deployable {@code -ds.xml} on the server's driver.
     */
    public static WebArchive withTeamUsersDatabase(String jdbcUrl, Map<String, String> settings) {
        Map<String, String> configured = new HashMap<>(settings);
        configured.put("auth.identity.database.datasource", teamUsersDataSource());
        WebArchive war = withoutTestUsers(configured, DatabaseUsers.class);
        if (wildfly()) {
            return war.addAsWebInfResource(new StringAsset("""
                    <datasources xmlns="http://www.jboss.org/ironjacamar/schema">
                        <datasource jndi-name="%s" pool-name="TeamUsersDS">
                            <connection-url>%s</connection-url>
                            <driver>postgresql</driver>
                            <security>
                                <user-name>postgres</user-name>
                                <password>postgres</password>
                            </security>
                            <validation>
                                <valid-connection-checker class-name="%s.PostgreSQLValidConnectionChecker"/>
                                <validate-on-match>true</validate-on-match>
                                <background-validation>false</background-validation>
                                <exception-sorter class-name="%s.PostgreSQLExceptionSorter"/>
                            </validation>
                        </datasource>
                    </datasources>
                    """.formatted(teamUsersDataSource(), jdbcUrl, JCA_POSTGRES, JCA_POSTGRES)), "team-users-ds.xml");
        }
        String webXml = read(war.get("/WEB-INF/web.xml").getAsset()).replace("</web-app>", """
                    <data-source>
                        <name>%s</name>
                        <class-name>org.postgresql.ds.PGSimpleDataSource</class-name>
                        <url>%s</url>
                        <user>postgres</user>
                        <password>postgres</password>
                        <property>
                            <name>fish.payara.is-connection-validation-required</name>
                            <value>true</value>
                        </property>
                        <property>
                            <name>fish.payara.connection-validation-method</name>
                            <value>custom-validation</value>
                        </property>
                        <property>
                            <name>fish.payara.validation-classname</name>
                            <value>org.glassfish.api.jdbc.validation.PostgresConnectionValidation</value>
                        </property>
                        <property>
                            <name>fish.payara.fail-all-connections</name>
                            <value>true</value>
                        </property>
                    </data-source>
                </web-app>
                """.formatted(teamUsersDataSource(), jdbcUrl));
        war.delete("/WEB-INF/web.xml");
        try {
            File driver = new File(Class.forName("org.postgresql.Driver").getProtectionDomain().getCodeSource()
                    .getLocation().toURI());
            war.addAsLibrary(driver, "postgresql.jar");
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException("PostgreSQL's driver is not on the test class path", e);
        }
        return war.setWebXML(new StringAsset(webXml));
    }

    private static boolean wildfly() {
        return "wildfly".equals(System.getProperty("it.server"));
    }

    /**
     * The WAR with what asks the container who calls: an EJB with {@code @RolesAllowed}, Jakarta Security's
     * SecurityContext, and a plain servlet that a web.xml security constraint alone protects, for the admin role.
     */
    public static WebArchive withContainerChecks() {
        WebArchive war = war().addClasses(Ledger.class, ContainerCallerResource.class, ReportsServlet.class);
        String webXml = read(war.get("/WEB-INF/web.xml").getAsset()).replace("</web-app>", """
                    <security-constraint>
                        <web-resource-collection>
                            <web-resource-name>reports</web-resource-name>
                            <url-pattern>/%s</url-pattern>
                        </web-resource-collection>
                        <auth-constraint>
                            <role-name>admin</role-name>
                        </auth-constraint>
                    </security-constraint>
                    <security-role>
                        <role-name>admin</role-name>
                    </security-role>
                </web-app>
                """.formatted(ReportsServlet.PATH));
        war.delete("/WEB-INF/web.xml");
        return war.setWebXML(new StringAsset(webXml));
    }

    private static WebArchive configured(WebArchive war, Map<String, String> settings) {
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

    /**
     * The shop: a team's own WAR that Maven built from the installed library (src/it/teams/shop, run by the invoker
     * plugin before the ITs), with its own applications, users, EJB and persistence unit. The tests add what they
     * inspect the database with, and two more applications of the team's, one that lists its classes and one that
     * scans, behind the same filter, with the test users for their role checks.
     */
    public static WebArchive teamWar() {
        return teamWar(true);
    }

    /**
     * The shop as {@link #teamWar()}; with {@code freshSchema} false it keeps the tables it finds even on a server
     * that outlives deployments, for a test that deploys it beside another WAR on the same datasource.
     */
    public static WebArchive teamWar(boolean freshSchema) {
        File built = new File(System.getProperty("team.war", "target/teams/shop/target/shop.war"));
        if (!built.isFile()) {
            throw new IllegalStateException("Build the team's WAR first (./mvnw verify runs the invoker plugin): "
                    + built);
        }
        WebArchive imported = ShrinkWrap.create(ZipImporter.class, "shop.war").importFrom(built).as(WebArchive.class);
        WebArchive team = freshSchema ? freshSchema(imported, "/WEB-INF/classes/META-INF/persistence.xml") : imported;
        String webXml = read(team.get("/WEB-INF/web.xml").getAsset())
                .replace("/account/auth/jwks</param-value>",
                        "/account/auth/jwks, /listed/status/*, /listed/reports/*</param-value>")
                .replace("<url-pattern>/account/*</url-pattern>", "<url-pattern>/account/*</url-pattern>\n"
                        + "        <url-pattern>/listed/*</url-pattern>\n"
                        + "        <url-pattern>/scanned/*</url-pattern>\n"
                        + "        <url-pattern>/mixed/*</url-pattern>");
        team.delete("/WEB-INF/web.xml");
        return team.setWebXML(new StringAsset(webXml))
                .addClasses(TestUsers.class, TestRefreshTokenRows.class, TeamListedApplication.class,
                        TeamScannedApplication.class, TeamAdminResource.class, TeamStatusResource.class,
                        TeamReportsResource.class, TeamMixedApplication.class, TeamFaultsResource.class);
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
        return builtWar(builtWarFile());
    }

    /** The WAR the tests and benchmarks deploy, named by {@code war.file}: this build's, or a benchmark's choice. */
    public static File builtWarFile() {
        return new File(System.getProperty("war.file", "target/token-cookie-auth.war"));
    }

    private static WebArchive builtWar(File built) {
        if (!built.isFile()) {
            // A benchmark's -Dbench.war or -Dbench.compare-war may name it too, relative to src/bench.
            throw new IllegalStateException("No WAR at " + built.getAbsolutePath() + ": build it first (./mvnw verify "
                    + "runs package before the ITs), or name a file that exists");
        }
        return freshSchema(ShrinkWrap.create(ZipImporter.class, "token-cookie-auth.war")
                .importFrom(built)
                .as(WebArchive.class), "/WEB-INF/classes/META-INF/persistence.xml");
    }

    private static WebArchive testWar() {
        return builtWar()
                .addClasses(TestUsers.class, TestRefreshTokenRows.class, WhoAmIResource.class,
                        ReuseAlarms.class, SecurityEvents.class, LogCapture.class, HostileTokens.class,
                        TestSigningKeyRows.class, TestDatabaseSession.class, TestCommitFailure.class,
                        TestCommitFailure.FailingCommit.class,
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
