package dev.tokencookie.shared.control;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.TransactionalException;
import java.lang.reflect.Method;

/**
 * Makes a transaction that fails at its end fail alike on every server. Payara's {@code @Transactional} interceptors
 * wrap the commit's checked exception (a {@link jakarta.transaction.RollbackException} or a heuristic one, when the
 * database went away between the last statement and the commit) in a {@link TransactionalException}; WildFly's
 * (Narayana's) throw it as it is, undeclared. Callers guard their database calls by catching runtime exceptions: the
 * boundary audits an outage so, the signing keys fall back to the ones read before, and a scheduled task that let one
 * through would never run again.
 */
@UncheckedCommit
@Interceptor
// Just outside the platform's @Transactional interceptors, which JTA places at PLATFORM_BEFORE + 200, so that their
// commit happens inside this one; a library's or an application's priority would run this inside the transaction.
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 199)
public class UncheckedCommitInterceptor {

    @AroundInvoke
    public Object unchecked(InvocationContext invocation) throws Exception {
        try {
            return invocation.proceed();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            Method method = invocation.getMethod();
            if (declares(method, e)) {
                // The method's own outcome, for the callers to handle: a refresh token refused, say.
                throw e;
            }
            throw new TransactionalException("The transaction of " + method.getDeclaringClass().getSimpleName() + "."
                    + method.getName() + " ended in a checked exception that the method does not declare", e);
        }
    }

    private static boolean declares(Method method, Exception e) {
        for (Class<?> declared : method.getExceptionTypes()) {
            if (declared.isInstance(e)) {
                return true;
            }
        }
        return false;
    }
}
