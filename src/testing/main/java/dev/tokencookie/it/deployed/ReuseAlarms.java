package dev.tokencookie.it.deployed;

import dev.tokencookie.refreshtoken.control.RefreshTokenReuse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test-only: what a team's observer of the reuse event would receive, shown over HTTP.
 */
@WebServlet("/test-support/reuse-events")
public class ReuseAlarms extends HttpServlet {

    @Inject
    Recorder recorder;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonArrayBuilder events = Json.createArrayBuilder();
        recorder.events().forEach(e -> events.add(Json.createObjectBuilder()
                .add("username", e.username()).add("sessionId", e.sessionId())
                .add("clientAddress", e.clientAddress())));
        response.setContentType("application/json");
        response.getWriter().write(events.build().toString());
    }

    /** The observer. */
    @ApplicationScoped
    public static class Recorder {

        private final List<RefreshTokenReuse> events = new CopyOnWriteArrayList<>();

        void record(@Observes RefreshTokenReuse event) {
            events.add(event);
        }

        /** Through a method: a field read on the client proxy would see the proxy's own, empty list. */
        public List<RefreshTokenReuse> events() {
            return events;
        }
    }
}
