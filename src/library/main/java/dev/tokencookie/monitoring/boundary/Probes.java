package dev.tokencookie.monitoring.boundary;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/** The one form of both probes' answers: each condition by name, "UP" or what is wrong, in a stable order. */
final class Probes {

    record Entry(String name, Optional<String> problem) {
    }

    private Probes() {
    }

    /** A condition that throws is one that fails, named by the exception's type: the probe itself must answer. */
    static Entry entry(String name, Supplier<Optional<String>> problem) {
        try {
            return new Entry(name, problem.get());
        } catch (RuntimeException e) {
            return new Entry(name, Optional.of("the check failed: " + e.getClass().getName()));
        }
    }

    static HealthCheckResponse answer(String name, Stream<Entry> entries) {
        List<Entry> sorted = entries.sorted((a, b) -> a.name().compareTo(b.name())).toList();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(name)
                .status(sorted.stream().allMatch(e -> e.problem().isEmpty()));
        for (Entry entry : sorted) {
            response.withData(entry.name(), entry.problem().orElse("UP"));
        }
        return response.build();
    }
}
