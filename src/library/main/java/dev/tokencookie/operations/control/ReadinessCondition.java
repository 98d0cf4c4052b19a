package dev.tokencookie.operations.control;

import java.util.Optional;

/**
 * Something without which this node should get no traffic, as the component that owns it knows: the readiness probe
 * asks each one, so that it depends on none of them.
 */
public interface ReadinessCondition {

    /** The name of the check's entry in the probe's data. */
    String name();

    /**
     * What is wrong now, in words for the ops engineer with no secret and no connection string; empty when ready. It
     * may block (a database query): the probe bounds its time.
     */
    Optional<String> problem();
}
