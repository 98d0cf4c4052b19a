package dev.tokencookie.monitoring.boundary;

import dev.tokencookie.operations.control.ReadinessCondition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Tells the load balancer whether this node can serve logins and refreshes: DOWN while any condition of the module
 * fails, each condition's entry in the data naming what is wrong.
 */
@Readiness
@ApplicationScoped
public class ReadinessProbe implements HealthCheck {

    /** The check's name in the server's health answer. */
    static final String NAME = "token-cookie-auth";

    @Inject
    Instance<ReadinessCondition> conditions;

    @Override
    public HealthCheckResponse call() {
        return Probes.answer(NAME, conditions.stream().map(c -> Probes.entry(c.name(), c::problem)));
    }
}
