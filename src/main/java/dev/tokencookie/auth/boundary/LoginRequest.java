package dev.tokencookie.auth.boundary;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;

/**
 * The login body {@code {"username": ..., "password": ...}}, parsed strictly so that a malformed body is a 400 and
 * never reaches the identity store.
 */
record LoginRequest(String username, String password) {

    // Bounds the work an identity store's password hash is asked to do.
    static final int MAX_LENGTH = 1024;

    /** Why a login body was refused; the message is safe to show the client. */
    static class MalformedException extends RuntimeException {
        MalformedException(String message) {
            super(message);
        }
    }

    static LoginRequest parse(String body) {
        JsonObject json;
        try (JsonParser parser = Json.createParser(new StringReader(body == null ? "" : body))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw new MalformedException("The body must be a JSON object");
            }
            json = parser.getObject();
            if (parser.hasNext()) {
                throw new MalformedException("The body must hold one JSON object only");
            }
        } catch (JsonException | IllegalStateException e) {
            throw new MalformedException("The body is not valid JSON");
        }
        return new LoginRequest(field(json, "username"), field(json, "password"));
    }

    private static String field(JsonObject json, String name) {
        JsonValue value = json.get(name);
        if (!(value instanceof JsonString string) || string.getString().isBlank()) {
            throw new MalformedException("The field " + name + " must be a non-empty string");
        }
        if (string.getString().length() > MAX_LENGTH) {
            throw new MalformedException("The field " + name + " is too long");
        }
        return string.getString();
    }

    @Override
    public String toString() {
        return "LoginRequest[username=" + username + "]";
    }
}
