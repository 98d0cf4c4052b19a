package dev.tokencookie.it.deployed;

import dev.tokencookie.shared.control.Causes;
import dev.tokencookie.shared.control.UncheckedCommit;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.io.IOException;

/**
 * Test-only: a transaction of a bean that wears the module's {@code @UncheckedCommit}, made to fail at its commit (a
 * synchronization refuses it, as a database that went away after the last statement would), so that a test sees what
 * the bean's caller gets on each server. {@code POST /test-support/commit-failure} answers the exception's class and
 * its causes' classes, outermost first.
 */
@WebServlet("/test-support/commit-failure")
public class TestCommitFailure extends HttpServlet {

    @Inject
    FailingCommit bean;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonArrayBuilder chain = Json.createArrayBuilder();
        try {
            bean.refuseTheCommit();
        } catch (Exception e) {
            Causes.chain(e).forEach(t -> chain.add(t.getClass().getName()));
        }
        response.setContentType("application/json");
        response.getWriter().write(Json.createObjectBuilder().add("thrown", chain).build().toString());
    }

    /** Starts a transaction of its own, as the module's beans that start theirs do. */
    @ApplicationScoped
    @Transactional(TxType.REQUIRES_NEW)
    @UncheckedCommit
    public static class FailingCommit {

        @Resource
        TransactionSynchronizationRegistry registry;

        public void refuseTheCommit() {
            registry.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    throw new IllegalStateException("the test refuses this commit");
                }

                @Override
                public void afterCompletion(int status) {
                }
            });
        }
    }
}
