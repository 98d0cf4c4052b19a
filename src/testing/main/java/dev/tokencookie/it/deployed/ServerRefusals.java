package dev.tokencookie.it.deployed;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only: makes the server refuse the next requests to an auth endpoint with a 503, as during a database outage, so
 * that a browser test can see what the user is shown. Armed by {@code POST /test-support/refuse?method=POST&path=...}
 * with the path below the context root ({@code api/auth/logout}).
 */
@WebFilter("/api/auth/*")
public class ServerRefusals extends HttpFilter {

    /** Method and path to how many refusals are left. */
    private static final Map<String, AtomicInteger> ARMED = new ConcurrentHashMap<>();

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String key = request.getMethod() + " " + request.getRequestURI().substring(request.getContextPath().length()
                + 1);
        AtomicInteger left = ARMED.get(key);
        if (left != null && left.getAndDecrement() > 0) {
            response.setStatus(503);
            response.setHeader("Retry-After", "5");
            response.setContentType("application/json");
            response.getWriter().write("{\"error\":\"temporarily_unavailable\","
                    + "\"error_description\":\"The service is temporarily unavailable; retry shortly\"}");
            return;
        }
        chain.doFilter(request, response);
    }

    /** Arms a number of refusals. */
    @WebServlet("/test-support/refuse")
    public static class Arm extends HttpServlet {
        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) {
            int count = Integer.parseInt(request.getParameter("count") == null ? "1" : request.getParameter("count"));
            ARMED.put(request.getParameter("method") + " " + request.getParameter("path"), new AtomicInteger(count));
            response.setStatus(204);
        }
    }
}
