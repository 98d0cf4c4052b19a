package dev.tokencookie;

import dev.tokencookie.accesstoken.boundary.EjbAccessRefusal;
import dev.tokencookie.auth.boundary.CorsForAllowedOrigins;
import dev.tokencookie.auth.boundary.CrossSiteRequestFilter;
import dev.tokencookie.auth.boundary.NoStoreOnAuthResponses;
import dev.tokencookie.endpoints.boundary.ModuleRegistered;
import dev.tokencookie.problems.boundary.TransactionalExceptionMapper;
import dev.tokencookie.problems.boundary.UnexpectedExceptionMapper;
import dev.tokencookie.problems.boundary.WebApplicationExceptionMapper;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;

/**
 * Registers the providers the module's endpoints need (CSRF check, CORS, no-store, JSON error bodies, an EJB's refusal
 * of the caller) in the one application that registers this feature. It is deliberately not a scanned
 * {@code @Provider}: a team's application gets it only by listing it, through {@link TokenCookieEndpoints#classes()}.
 */
public class TokenCookieFeature implements Feature {

    @Override
    public boolean configure(FeatureContext context) {
        context.register(ModuleRegistered.class)
                .register(CrossSiteRequestFilter.class)
                .register(CorsForAllowedOrigins.class)
                .register(NoStoreOnAuthResponses.class)
                .register(WebApplicationExceptionMapper.class)
                .register(UnexpectedExceptionMapper.class)
                .register(TransactionalExceptionMapper.class)
                .register(EjbAccessRefusal.class);
        return true;
    }
}
