package dev.tokencookie.operations.control;

import dev.tokencookie.settings.control.ModuleStarting;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * A readiness condition whose check may block (a database query): it runs in the background from the module's start
 * ({@link PeriodicCheck}), and the probe reads its last result.
 */
public abstract class BackgroundReadiness implements ReadinessCondition {

    /** The longest a check may take; a load balancer's probe waits little longer. */
    public static final Duration LIMIT = Duration.ofSeconds(2);

    private volatile PeriodicCheck check;

    /** The thing checked, as the problems name it ("the database"). */
    protected abstract String what();

    /** The check; it throws when the thing does not answer. */
    protected abstract void check() throws Exception;

    protected void start(@Observes ModuleStarting started) {
        check = new PeriodicCheck(what(), LIMIT, this::check, Clock.systemUTC());
        check.start();
    }

    /**
     * Stops the checks before the application's beans go, as the module's other background work does: a check that
     * ran on during an undeploy could be cut off inside its transaction.
     */
    protected void stopBeforeShutdown(
            @Observes(notifyObserver = Reception.IF_EXISTS) @BeforeDestroyed(ApplicationScoped.class) Object event) {
        stop();
    }

    @PreDestroy
    protected void stop() {
        PeriodicCheck started = check;
        if (started != null) {
            started.stop();
        }
    }

    @Override
    public Optional<String> problem() {
        PeriodicCheck started = check;
        return started == null ? Optional.of("the module has not started") : started.problem();
    }

    /** Whether the background check still runs: false once it ended on its own, which only a restart repairs. */
    public boolean isRunning() {
        PeriodicCheck started = check;
        return started == null || started.isRunning();
    }
}
