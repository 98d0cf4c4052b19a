package dev.tokencookie.it;

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
 * Test-only: shows the refresh-token rows of one user as the database holds them, so tests can assert what is stored.
 */
@WebServlet("/test-support/refresh-token-rows")
public class TestRefreshTokenRows extends HttpServlet {

    @PersistenceContext(unitName = "token-cookie-auth")
    EntityManager em;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonArrayBuilder rows = Json.createArrayBuilder();
        em.createQuery("SELECT t FROM RefreshToken t WHERE t.username = :user ORDER BY t.issuedAt", RefreshToken.class)
                .setParameter("user", request.getParameter("user"))
                .getResultList()
                .forEach(row -> rows.add(Json.createObjectBuilder()
                        .add("hash", row.getTokenHash())
                        .add("family", row.getFamilyId())
                        .add("state", row.getState().name())
                        .add("expiresAt", row.getExpiresAt().getEpochSecond())));
        response.setContentType("application/json");
        response.getWriter().write(rows.build().toString());
    }
}
