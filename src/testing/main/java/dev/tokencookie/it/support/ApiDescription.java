package dev.tokencookie.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Test-only: reads the checked-in OpenAPI document of the drop-in WAR (src/war/main/resources/META-INF/openapi.json)
 * as a list of operations and their answers, so that a test can hold the running server to what it promises.
 */
public final class ApiDescription {

    /** The operations a path item may hold, in OpenAPI's names. */
    public static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");

    private final JsonObject document;

    private ApiDescription(JsonObject document) {
        this.document = document;
    }

    /** The document as checked in, found from the root.dir system property that failsafe and surefire set. */
    public static ApiDescription checkedIn() {
        Path file = Path.of(System.getProperty("root.dir", "../.."), "src", "war", "main", "resources", "META-INF",
                "openapi.json");
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("The API description is missing: " + file, e);
        }
    }

    public static ApiDescription parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return new ApiDescription(reader.readObject());
        }
    }

    public JsonObject json() {
        return document;
    }

    /** Every operation and answer as {@code METHOD /path STATUS}, e.g. {@code POST /api/auth/login 429}. */
    public SortedSet<String> answers() {
        SortedSet<String> answers = new TreeSet<>();
        for (String path : paths()) {
            for (String method : methods(path)) {
                for (String status : operation(path, method).getJsonObject("responses").keySet()) {
                    answers.add(method + " " + path + " " + status);
                }
            }
        }
        return answers;
    }

    public SortedSet<String> paths() {
        return new TreeSet<>(document.getJsonObject("paths").keySet());
    }

    /** The methods of a path, upper case. */
    public SortedSet<String> methods(String path) {
        SortedSet<String> methods = new TreeSet<>();
        for (String key : document.getJsonObject("paths").getJsonObject(path).keySet()) {
            if (METHODS.contains(key)) {
                methods.add(key.toUpperCase(Locale.ROOT));
            }
        }
        return methods;
    }

    public JsonObject operation(String path, String method) {
        return document.getJsonObject("paths").getJsonObject(path).getJsonObject(method.toLowerCase(Locale.ROOT));
    }

    /** One answer of an operation, its {@code $ref} to the shared responses followed. */
    public JsonObject response(String path, String method, String status) {
        return resolve(operation(path, method).getJsonObject("responses").getJsonObject(status));
    }

    /** The header names the answer promises. */
    public Set<String> headers(JsonObject response) {
        return response.containsKey("headers") ? response.getJsonObject("headers").keySet() : Set.of();
    }

    /** The media types the answer may have; empty for an answer without a body. */
    public Set<String> mediaTypes(JsonObject response) {
        return response.containsKey("content") ? response.getJsonObject("content").keySet() : Set.of();
    }

    /** Whether the body of the answer is the module's JSON error, {@code {"error", "error_description"}}. */
    public boolean isError(JsonObject response) {
        JsonObject json = response.containsKey("content")
                ? response.getJsonObject("content").getJsonObject("application/json") : null;
        return json != null && json.getJsonObject("schema").getString("$ref", "").equals("#/components/schemas/Error");
    }

    private JsonObject resolve(JsonObject object) {
        if (!object.containsKey("$ref")) {
            return object;
        }
        JsonValue target = document;
        for (String step : object.getString("$ref").substring(2).split("/")) {
            target = target.asJsonObject().get(step);
        }
        return resolve(target.asJsonObject());
    }
}
