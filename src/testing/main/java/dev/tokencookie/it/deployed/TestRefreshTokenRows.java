package dev.tokencookie.it.deployed;

import dev.tokencookie.refreshtoken.entity.RefreshSeal;
import dev.tokencookie.refreshtoken.entity.RefreshSession;
import dev.tokencookie.refreshtoken.entity.RefreshToken;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Test-only: shows one user's session and token rows as the database holds them, so tests can assert what is stored.
 */
@WebServlet("/test-support/refresh-token-rows")
public class TestRefreshTokenRows extends HttpServlet {

    @PersistenceContext
    EntityManager em;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String user = request.getParameter("user");
        JsonArrayBuilder sessions = Json.createArrayBuilder();
        em.createQuery("SELECT f FROM RefreshSession f WHERE f.username = :user", RefreshSession.class)
                .setParameter("user", user)
                .getResultList()
                .forEach(f -> sessions.add(Json.createObjectBuilder()
                        .add("id", f.getId())
                        .add("revoked", f.isRevoked())
                        .add("expiresAt", f.getExpiresAt().getEpochSecond())));
        JsonArrayBuilder tokens = Json.createArrayBuilder();
        em.createQuery("SELECT t FROM RefreshToken t, RefreshSession f WHERE t.sessionId = f.id AND f.username = :user",
                        RefreshToken.class)
                .setParameter("user", user)
                .getResultList()
                .forEach(t -> tokens.add(Json.createObjectBuilder()
                        .add("hash", t.getTokenHash())
                        .add("session", t.getSessionId())
                        .add("state", t.getState().name())
                        .add("sealed", em.find(RefreshSeal.class, t.getId()) != null)));
        response.setContentType("application/json");
        response.getWriter().write(Json.createObjectBuilder()
                .add("sessions", sessions).add("tokens", tokens).build().toString());
    }
}
