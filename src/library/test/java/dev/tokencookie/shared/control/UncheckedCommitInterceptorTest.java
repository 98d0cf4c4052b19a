package dev.tokencookie.shared.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.interceptor.InvocationContext;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import jakarta.transaction.TransactionalException;
import java.io.File;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What a bean's caller gets when its transaction fails at the commit, whatever the server's interceptor threw, and
 * which of the module's beans wear the binding that sees to it.
 */
class UncheckedCommitInterceptorTest {

    /** The types under which a call may begin a transaction of its own, and so commit it. */
    private static final Set<TxType> START = EnumSet.of(TxType.REQUIRED, TxType.REQUIRES_NEW);

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
        assertEquals("The transaction of Bean.read ended in a checked exception that the method does not declare",
                thrown.getMessage());
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

    /** A bean added later that starts transactions without the binding would bring the old failure back. */
    @Test
    void everyClassOfTheModuleThatMayStartATransactionWearsTheBinding() throws Exception {
        Path classes = Path.of(UncheckedCommit.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> starting = new ArrayList<>();
        List<String> unbound = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace(File.separatorChar, '.')
                        .replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, getClass().getClassLoader());
                List<AnnotatedElement> elements = new ArrayList<>(List.of(type.getDeclaredMethods()));
                elements.add(type);
                for (AnnotatedElement element : elements) {
                    Transactional transactional = element.getAnnotation(Transactional.class);
                    if (transactional != null && START.contains(transactional.value())) {
                        starting.add(name);
                        if (!type.isAnnotationPresent(UncheckedCommit.class)
                                && !element.isAnnotationPresent(UncheckedCommit.class)) {
                            unbound.add(element.toString());
                        }
                    }
                }
            }
        }
        assertTrue(starting.size() >= 4, "the module's classes were read: " + starting);
        assertEquals(List.of(), unbound, "transactions that may start without @UncheckedCommit");
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
