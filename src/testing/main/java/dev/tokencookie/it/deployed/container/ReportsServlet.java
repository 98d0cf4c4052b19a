package dev.tokencookie.it.deployed.container;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Test-only: a plain servlet outside the filter's URLs, which a web.xml security constraint alone protects
 * ({@code Deployments.withContainerChecks}).
 */
@WebServlet("/reports")
public class ReportsServlet extends HttpServlet {

    public static final String PATH = "reports";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().write("reports for " + request.getUserPrincipal().getName());
    }
}
