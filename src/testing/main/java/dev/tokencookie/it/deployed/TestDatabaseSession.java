package dev.tokencookie.it.deployed;

import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Test-only: the isolation level that a connection of the module's datasource starts its transactions with, beside the
 * database's own default, so that a PostgreSQL test can see what the server's pool settings gave it.
 */
@WebServlet("/test-support/database-session")
public class TestDatabaseSession extends HttpServlet {

    @PersistenceContext
    EntityManager em;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object[] row = (Object[]) em.createNativeQuery("SELECT current_setting('transaction_isolation'), "
                + "(SELECT reset_val FROM pg_settings WHERE name = 'default_transaction_isolation')")
                .getSingleResult();
        response.setContentType("application/json");
        response.getWriter().write(Json.createObjectBuilder()
                .add("isolation", String.valueOf(row[0]))
                .add("databaseDefault", String.valueOf(row[1]))
                .build().toString());
    }
}
