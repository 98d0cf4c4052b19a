package dev.tokencookie.accesstoken.boundary;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a JAX-RS resource method, or every method of a resource class, that answers without an access token. The
 * bearer filter's {@code excluded-paths} let a request without a token through to the JAX-RS runtime; only a method
 * marked so may then answer it, so that a path which merely reads as an excluded one never opens another resource.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface OpenEndpoint {
}
