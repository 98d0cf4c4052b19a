package dev.tokencookie.shared.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.persistence.NamedQuery;
import jakarta.persistence.QueryHint;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The bound travels with each named query, so a query added without it would wait on a lock for as long as the lock
 * lasts: this checks every named query of every class that the test persistence unit lists, as the WAR's unit does.
 */
class QueryTimeoutTest {

    @Test
    void everyNamedQueryCarriesTheTimeout() throws Exception {
        List<String> missing = new ArrayList<>();
        int queries = 0;
        for (Class<?> listed : listedClasses()) {
            for (NamedQuery query : listed.getAnnotationsByType(NamedQuery.class)) {
                queries++;
                if (Arrays.stream(query.hints()).noneMatch(QueryTimeoutTest::isTheBound)) {
                    missing.add(query.name());
                }
            }
        }
        assertFalse(queries < 20, "the unit's classes were found: " + queries + " named queries");
        assertEquals(List.of(), missing, "named queries without the query timeout");
    }

    private static boolean isTheBound(QueryHint hint) {
        return hint.name().equals(QueryTimeout.HINT) && hint.value().equals(QueryTimeout.VALUE);
    }

    private static List<Class<?>> listedClasses() throws Exception {
        String unit;
        try (InputStream in = QueryTimeoutTest.class.getResourceAsStream("/META-INF/persistence.xml")) {
            unit = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Class<?>> classes = new ArrayList<>();
        Matcher listed = Pattern.compile("<class>([^<]+)</class>").matcher(unit);
        while (listed.find()) {
            classes.add(Class.forName(listed.group(1).strip()));
        }
        return classes;
    }
}
