package dev.tokencookie.accesstoken.boundary;

import jakarta.annotation.Priority;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.reflect.AnnotatedElement;
import java.util.Arrays;
import java.util.List;

/**
 * Enforces {@code @RolesAllowed}, {@code @PermitAll} and {@code @DenyAll} on JAX-RS resources against the token's
 * groups, which neither Jersey nor RESTEasy do by default. Loaded into every JAX-RS application of the WAR through
 * META-INF/services (not by scanning, so that no runtime registers it twice).
 */
// RESTEasy keeps one DynamicFeature service per @Priority value: each of the module's has a value of its own.
@Priority(Priorities.AUTHORIZATION + 10)
public class RolesAllowedFeature implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        // The method's annotation wins over the class's, as in Jakarta Annotations section 3.
        List<AnnotatedElement> elements = List.of(resource.getResourceMethod(), resource.getResourceClass());
        for (AnnotatedElement element : elements) {
            if (element.isAnnotationPresent(DenyAll.class)) {
                context.register(new RoleCheck(List.of()));
                return;
            }
            if (element.isAnnotationPresent(PermitAll.class)) {
                return;
            }
            RolesAllowed roles = element.getAnnotation(RolesAllowed.class);
            if (roles != null) {
                context.register(new RoleCheck(Arrays.asList(roles.value())));
                return;
            }
        }
    }

    /** Refuses a request whose caller is in none of the allowed roles. */
    @Priority(Priorities.AUTHORIZATION)
    static final class RoleCheck implements ContainerRequestFilter {

        private final List<String> roles;

        RoleCheck(List<String> roles) {
            this.roles = roles;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            var security = request.getSecurityContext();
            if (security.getUserPrincipal() == null) {
                request.abortWith(TokenRefusals.tokenRequired());
            } else if (roles.stream().noneMatch(security::isUserInRole)) {
                request.abortWith(TokenRefusals.notInAllowedGroup());
            }
        }
    }
}
