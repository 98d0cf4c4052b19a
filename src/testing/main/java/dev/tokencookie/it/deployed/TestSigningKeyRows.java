package dev.tokencookie.it.deployed;

import dev.tokencookie.accesstoken.entity.StoredSigningKey;
import jakarta.annotation.Resource;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.transaction.UserTransaction;
import java.io.IOException;
import java.util.List;

/**
 * Test-only: shows the signing-key rows without their private parts, and deletes one, as an operator who pulls a
 * compromised key would.
 */
@WebServlet("/test-support/signing-key-rows")
public class TestSigningKeyRows extends HttpServlet {

    @PersistenceContext
    EntityManager em;

    @Resource
    UserTransaction transaction;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonArrayBuilder rows = Json.createArrayBuilder();
        em.createNamedQuery(StoredSigningKey.ALL, StoredSigningKey.class).getResultList()
                .forEach(key -> rows.add(Json.createObjectBuilder()
                        .add("kid", key.getKeyId())
                        .add("generation", key.getGeneration())
                        .add("createdAt", key.getCreatedAt().toEpochMilli())
                        .add("activatesAt", key.getActivatesAt().toEpochMilli())));
        response.setContentType("application/json");
        response.getWriter().write(rows.build().toString());
    }

    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws ServletException {
        try {
            transaction.begin();
            em.joinTransaction();
            int deleted = em.createNamedQuery(StoredSigningKey.REMOVE)
                    .setParameter("keyIds", List.of(request.getParameter("kid"))).executeUpdate();
            transaction.commit();
            response.setStatus(deleted == 1 ? 204 : 404);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
