package dev.tokencookie.endpoints.boundary;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the module's own resources, so that its providers act on them and never on a team's resources in the same
 * application, and so that they answer only where a team registered the module.
 */
@NameBinding
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ModuleEndpoint {

    /** The path, within the application that registers them, under which all of the module's endpoints lie. */
    String ROOT = "auth";
}
