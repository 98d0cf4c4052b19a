package dev.tokencookie.it.deployed;

import dev.tokencookie.operations.control.SecurityEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test-only: what a team's observer of security events receives, shown over HTTP; beside it an observer that throws
 * and one that takes seconds, for requests whose User-Agent asks for them, to show they change no answer.
 */
@WebServlet("/test-support/security-events")
public class SecurityEvents extends HttpServlet {

    /** In a request's User-Agent: the throwing observer throws for its events. */
    public static final String THROW = "throwing-observer";
    /** In a request's User-Agent: the slow observer takes {@link #SLOW_MILLIS} over its events. */
    public static final String SLOW = "slow-observer";
    public static final long SLOW_MILLIS = 6000;

    @Inject
    Recorder recorder;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonArrayBuilder events = Json.createArrayBuilder();
        for (SecurityEvent e : recorder.events()) {
            JsonObjectBuilder event = Json.createObjectBuilder().add("kind", e.kind().label())
                    .add("outcome", e.outcome().label()).add("time", e.time().toString());
            add(event, "user", e.user());
            add(event, "sessionId", e.sessionId());
            add(event, "clientAddress", e.clientAddress());
            add(event, "userAgent", e.userAgent());
            add(event, "detail", e.detail());
            events.add(event);
        }
        response.setContentType("application/json");
        response.getWriter().write(events.build().toString());
    }

    private static void add(JsonObjectBuilder event, String name, String value) {
        if (value == null) {
            event.addNull(name);
        } else {
            event.add(name, value);
        }
    }

    /** The observers. */
    @ApplicationScoped
    public static class Recorder {

        private final List<SecurityEvent> events = new CopyOnWriteArrayList<>();

        void record(@ObservesAsync SecurityEvent event) {
            events.add(event);
        }

        void fail(@ObservesAsync SecurityEvent event) {
            if (event.userAgent() != null && event.userAgent().contains(THROW)) {
                throw new IllegalStateException("a team's observer failed");
            }
        }

        void dawdle(@ObservesAsync SecurityEvent event) throws InterruptedException {
            if (event.userAgent() != null && event.userAgent().contains(SLOW)) {
                Thread.sleep(SLOW_MILLIS);
            }
        }

        /** Through a method: a field read on the client proxy would see the proxy's own, empty list. */
        public List<SecurityEvent> events() {
            return events;
        }
    }
}
