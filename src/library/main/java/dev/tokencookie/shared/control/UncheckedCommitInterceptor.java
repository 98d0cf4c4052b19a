package dev.tokencookie.shared.control;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.TransactionalException;
import java.lang.reflect.Method;

/**
 * Makes a transaction that fails at its commit fail alike on every server. Payara's {@code @Transactional}
 * interceptors wrap the commit's checked exception (a {@link jakarta.transaction.RollbackException} when the database
 * went away between the last statement and the commit) in a {@link TransactionalException}; WildFly's (Narayana's)
 * throw it as it is, undeclared, past every caller that guards a database call by catching runtime exceptions. There
 * it skipped the boundary's audit of an outage, and it ended the poll of revoked logins for good: a scheduled task that
 * throws is not run again.
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
                // The method's own outcome, such as a refresh token refused, after its transaction committed.
                throw e;
            }
            throw new TransactionalException("The transaction of " + method.getDeclaringClass().getSimpleName() + "."
                    + method.getName() + " failed at its end", e);
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
