package dev.tokencookie.shared.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.interceptor.InvocationContext;
import jakarta.transaction.RollbackException;
import jakarta.transaction.TransactionalException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** What a bean's caller gets when its transaction fails at the commit, whatever the server's interceptor threw. */
class UncheckedCommitInterceptorTest {

    private final UncheckedCommitInterceptor interceptor = new UncheckedCommitInterceptor();

    /** A bean's methods: one declares a checked exception of its own, as a refresh's refusal is. */
    interface Bean {
        String read();

        String rotate() throws DeclaredRefusal;
    }

    static class DeclaredRefusal extends Exception {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void aCommitsUndeclaredCheckedExceptionBecomesATransactionalExceptionWithItAsItsCause() throws Exception {
        RollbackException commit = new RollbackException("ARJUNA016053: Could not commit transaction.");

        TransactionalException thrown = assertThrows(TransactionalException.class,
                () -> interceptor.unchecked(invocation("read", () -> {
                    throw commit;
                })));

        assertSame(commit, thrown.getCause());
        assertEquals("The transaction of Bean.read failed at its end", thrown.getMessage());
    }

    @Test
    void theMethodsOwnCheckedExceptionAndRuntimeExceptionsPassAsTheyAre() throws Exception {
        DeclaredRefusal refusal = new DeclaredRefusal();
        assertSame(refusal, assertThrows(DeclaredRefusal.class, () -> interceptor.unchecked(invocation("rotate",
                () -> {
                    throw refusal;
                }))));

        IllegalStateException defect = new IllegalStateException("a defect");
        assertSame(defect, assertThrows(IllegalStateException.class, () -> interceptor.unchecked(invocation("read",
                () -> {
                    throw defect;
                }))));

        assertEquals("answer", interceptor.unchecked(invocation("read", () -> "answer")));
    }

    private static InvocationContext invocation(String methodName, Callable<Object> proceed)
            throws NoSuchMethodException {
        Method method = Bean.class.getMethod(methodName);
        return (InvocationContext) Proxy.newProxyInstance(InvocationContext.class.getClassLoader(),
                new Class<?>[] {InvocationContext.class}, (proxy, called, args) -> switch (called.getName()) {
                    case "getMethod" -> method;
                    case "proceed" -> proceed.call();
                    default -> throw new UnsupportedOperationException(called.getName());
                });
    }
}
