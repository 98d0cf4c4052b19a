package dev.tokencookie.endpoints.boundary;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the module's resources that the configured other origins may call with credentials. Not a name binding: a
 * CORS preflight that the runtime answers by itself matches no resource method on some runtimes, and must still get
 * its headers, so the CORS filter asks the matched resource for this mark instead.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CrossOriginEndpoint {
}
