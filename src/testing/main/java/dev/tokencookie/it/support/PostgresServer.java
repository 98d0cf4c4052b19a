package dev.tokencookie.it.support;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server for the PostgreSQL ITs, on the port that the build reserved and handed to Payara Micro too;
 * register it before ArquillianExtension so the database is up before the server deploys. Tests stop and start it to
 * simulate an outage.
 */
public class PostgresServer implements BeforeAllCallback, AfterAllCallback {

    /**
     * The database's own default isolation is SERIALIZABLE, which a DBA may choose: the servers' pool settings must
     * then give the module's connections READ COMMITTED, the level its locking is written for.
     */
    private static final EmbeddedDatabase DATABASE = new EmbeddedDatabase(Integer.getInteger("it.postgres.port", 55432),
            Path.of("target", "it-postgres"), Map.of("default_transaction_isolation", "serializable"));

    @Override
    public void beforeAll(ExtensionContext context) {
        DATABASE.startFresh();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    public static void start() {
        DATABASE.start();
    }

    public static void stop() {
        DATABASE.stop();
    }
}
