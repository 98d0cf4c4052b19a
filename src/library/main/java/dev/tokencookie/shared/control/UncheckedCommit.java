package dev.tokencookie.shared.control;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Goes beside {@code @Transactional} on a bean that starts transactions, so that one that fails at its commit throws
 * a {@link jakarta.transaction.TransactionalException} on every server; see {@link UncheckedCommitInterceptor}.
 */
@InterceptorBinding
@Inherited
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface UncheckedCommit {
}
