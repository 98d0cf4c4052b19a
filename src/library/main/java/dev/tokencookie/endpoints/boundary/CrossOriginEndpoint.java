package dev.tokencookie.endpoints.boundary;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the module's resources that the configured other origins may call with credentials, binding the CORS filter
 * to them. Each path of such a resource answers {@code OPTIONS} with a method of its own ({@link Preflight}), so that
 * a preflight too runs through the bound filter rather than the runtime's unbound answer.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CrossOriginEndpoint {
}
