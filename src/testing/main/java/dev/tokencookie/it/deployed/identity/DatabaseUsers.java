package dev.tokencookie.it.deployed.identity;

import dev.tokencookie.settings.control.ModuleStarting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * Test-only: a team's user table in the datasource that {@code auth.identity.database.datasource} names, as the
 * database identity source reads it, with password hashes that Jakarta Security's own Pbkdf2PasswordHash made at
 * deployment, of 40,000 iterations.
 */
@ApplicationScoped
public class DatabaseUsers {

    public static final String TABLE = "TEAM_USERS";
    public static final String GROUPS_TABLE = "TEAM_USER_GROUPS";
    public static final String CALLER_QUERY = "select PASSWORD_HASH from " + TABLE + " where NAME = ?";
    public static final String GROUPS_QUERY = "select GROUP_NAME from " + GROUPS_TABLE + " where NAME = ?";

    static final int ITERATIONS = 40_000;

    public static final String AUDITOR = "dana";
    public static final String AUDITOR_PASSWORD = "dana-password-1";
    public static final String MEMBER = "eli";
    public static final String MEMBER_PASSWORD = "eli-password-1";

    @Inject
    Pbkdf2PasswordHash passwordHash;

    void create(@Observes ModuleStarting started) throws NamingException, SQLException {
        DataSource dataSource = lookUp(started.settings().identity().database().orElseThrow().dataSource());
        // Costly enough that a store which skips the hash for an unknown user shows it in the timing test (12 ms of a
        // 32 ms refusal on WildFly), and no costlier: the test fails 82 logins, and the test Payara Micros run C1 only.
        passwordHash.initialize(Map.of("Pbkdf2PasswordHash.Iterations", String.valueOf(ITERATIONS)));
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            // Left by an earlier deployment on a server that outlives it (WildFly).
            statement.execute("drop table if exists " + GROUPS_TABLE);
            statement.execute("drop table if exists " + TABLE);
            statement.execute("create table " + TABLE + " (NAME varchar(64) primary key, PASSWORD_HASH varchar(512))");
            statement.execute("create table " + GROUPS_TABLE + " (NAME varchar(64), GROUP_NAME varchar(64))");
            insert(connection, AUDITOR, AUDITOR_PASSWORD, "auditors", "staff");
            insert(connection, MEMBER, MEMBER_PASSWORD, "staff");
        }
    }

    /** A datasource the deployment declares itself (WildFly's -ds.xml) may be bound a moment after the start. */
    private static DataSource lookUp(String name) throws NamingException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                return InitialContext.doLookup(name);
            } catch (NameNotFoundException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private void insert(Connection connection, String name, String password, String... groups) throws SQLException {
        try (PreparedStatement user = connection.prepareStatement("insert into " + TABLE + " values (?, ?)")) {
            user.setString(1, name);
            user.setString(2, passwordHash.generate(password.toCharArray()));
            user.executeUpdate();
        }
        for (String group : groups) {
            try (PreparedStatement member = connection.prepareStatement("insert into " + GROUPS_TABLE
                    + " values (?, ?)")) {
                member.setString(1, name);
                member.setString(2, group);
                member.executeUpdate();
            }
        }
    }
}
