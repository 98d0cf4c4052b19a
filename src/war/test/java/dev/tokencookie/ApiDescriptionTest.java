package dev.tokencookie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the checked-in API description (META-INF/openapi.json) and the code in step: every resource method that the
 * drop-in WAR's application serves, its own and the library's, is described, and nothing else is. ApiSurfaceIT
 * holds the document to the running server; this finds a new or moved endpoint before any server runs.
 */
class ApiDescriptionTest {

    private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");
    private static final String PATH_DESCRIPTOR = "L" + Path.class.getName().replace('.', '/') + ";";
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\s*(\\w[\\w.-]*)\\s*(:[^}]*)?}");

    private final JsonObject document = read();

    @Test
    void everyResourceMethodIsDescribedAndNothingElse() throws Exception {
        SortedSet<String> served = new TreeSet<>();
        String application = TokenCookieApplication.class.getAnnotation(ApplicationPath.class).value();
        for (Class<?> resource : resourceClasses()) {
            for (Method method : resource.getMethods()) {
                String httpMethod = httpMethod(method);
                Path path = method.getAnnotation(Path.class);
                // A sub-resource locator answers whatever the object it returns answers: no list could follow it.
                assertFalse(httpMethod == null && path != null, "a sub-resource locator: " + method);
                if (httpMethod != null) {
                    served.add(httpMethod + " " + join(application, resource.getAnnotation(Path.class).value(),
                            path == null ? "" : path.value()));
                }
            }
        }
        assertTrue(served.contains("POST /api/auth/login"), "the scan found the library's resources: " + served);
        assertTrue(served.contains("GET /api/me"), "and the WAR's: " + served);
        assertEquals(served, described(), "the resource methods of the drop-in WAR and the operations described");
    }

    @Test
    void theDocumentHoldsTogether() {
        assertEquals("3.0.3", document.getString("openapi"));
        List<String> ids = new ArrayList<>();
        JsonObject paths = document.getJsonObject("paths");
        for (String path : paths.keySet()) {
            JsonObject item = paths.getJsonObject(path);
            Set<String> declared = new HashSet<>();
            for (String key : item.keySet()) {
                if (key.equals("parameters")) {
                    item.getJsonArray(key).forEach(parameter -> declared.add(parameter.asJsonObject()
                            .getString("name")));
                } else {
                    assertTrue(OPERATIONS.contains(key), path + ": " + key);
                    JsonObject operation = item.getJsonObject(key);
                    ids.add(operation.getString("operationId"));
                    assertFalse(operation.getJsonObject("responses").isEmpty(), path + " " + key);
                    operation.getJsonObject("responses").keySet().forEach(status -> assertTrue(
                            status.matches("[1-5][0-9][0-9]"), path + " " + key + ": " + status));
                }
            }
            Matcher template = TEMPLATE.matcher(path);
            while (template.find()) {
                assertTrue(declared.contains(template.group(1)), path + " declares " + template.group(1));
            }
        }
        assertEquals(ids.size(), new HashSet<>(ids).size(), "operation ids are unique: " + ids);
        assertReferencesResolve(document);
    }

    private SortedSet<String> described() {
        SortedSet<String> described = new TreeSet<>();
        JsonObject paths = document.getJsonObject("paths");
        for (String path : paths.keySet()) {
            for (String key : paths.getJsonObject(path).keySet()) {
                if (OPERATIONS.contains(key)) {
                    described.add(key.toUpperCase(Locale.ROOT) + " " + path);
                }
            }
        }
        return described;
    }

    private void assertReferencesResolve(JsonValue value) {
        if (value instanceof JsonObject object) {
            if (object.get("$ref") instanceof JsonString ref) {
                JsonValue target = document;
                assertTrue(ref.getString().startsWith("#/"), ref.getString());
                for (String step : ref.getString().substring(2).split("/")) {
                    assertTrue(target instanceof JsonObject o && o.containsKey(step), "resolves: " + ref.getString());
                    target = target.asJsonObject().get(step);
                }
            }
            object.values().forEach(this::assertReferencesResolve);
        } else if (value instanceof JsonArray array) {
            array.forEach(this::assertReferencesResolve);
        }
    }

    /** The resource classes the drop-in WAR's scanning application finds: in its own classes and the library's. */
    private static List<Class<?>> resourceClasses() throws IOException, URISyntaxException {
        List<Class<?>> resources = new ArrayList<>();
        ClassLoader loader = ApiDescriptionTest.class.getClassLoader();
        for (Class<?> anchor : List.of(TokenCookieApplication.class, TokenCookieEndpoints.class)) {
            for (String name : classNames(anchor)) {
                // Only a class whose constant pool names @Path can carry it; the others are not loaded, as some need
                // APIs (MicroProfile Health) that only the server has.
                if (!mentionsPath(loader, name)) {
                    continue;
                }
                Class<?> type;
                try {
                    type = Class.forName(name, false, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new AssertionError("Cannot load " + name + " to look for resources", e);
                }
                if (type.isAnnotationPresent(Path.class)) {
                    resources.add(type);
                }
            }
        }
        return resources;
    }

    /** The classes beside the anchor: in its directory tree (target/classes) or its jar. */
    private static List<String> classNames(Class<?> anchor) throws IOException, URISyntaxException {
        java.nio.file.Path location = Paths.get(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(location)) {
            try (Stream<java.nio.file.Path> files = Files.walk(location)) {
                files.map(file -> location.relativize(file).toString().replace('\\', '/'))
                        .filter(ApiDescriptionTest::isModuleClass).forEach(file -> names.add(className(file)));
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                Enumeration<JarEntry> entries = jar.entries();
                while (entries.hasMoreElements()) {
                    String entry = entries.nextElement().getName();
                    if (isModuleClass(entry)) {
                        names.add(className(entry));
                    }
                }
            }
        }
        assertFalse(names.isEmpty(), "no classes at " + location);
        return names;
    }

    private static boolean mentionsPath(ClassLoader loader, String name) throws IOException {
        try (var in = loader.getResourceAsStream(name.replace('.', '/') + ".class")) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).contains(PATH_DESCRIPTOR);
        }
    }

    private static boolean isModuleClass(String file) {
        return file.startsWith("dev/tokencookie/") && file.endsWith(".class");
    }

    private static String className(String file) {
        return file.substring(0, file.length() - ".class".length()).replace('/', '.');
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    /** The path as OpenAPI writes it: one slash between segments, a template by its name alone. */
    private static String join(String... parts) {
        StringBuilder path = new StringBuilder();
        for (String part : parts) {
            Arrays.stream(part.split("/")).filter(segment -> !segment.isEmpty())
                    .forEach(segment -> path.append('/').append(segment));
        }
        return TEMPLATE.matcher(path).replaceAll("{$1}");
    }

    private static JsonObject read() {
        try (var in = ApiDescriptionTest.class.getResourceAsStream("/META-INF/openapi.json")) {
            assertNotNull(in, "META-INF/openapi.json on the class path");
            try (JsonReader reader = Json.createReader(in)) {
                return reader.readObject();
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
