package dev.tokencookie.auth.boundary;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the resources whose every answer, errors included, must stay out of browser and proxy caches because it may
 * carry a token, so that {@link NoStoreOnAuthResponses} acts on them and on nothing else.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface NoStore {
}
