package dev.tokencookie.auth.boundary;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/**
 * The login body {@code {"username": ..., "password": ...}}, parsed strictly so that a malformed body is a 400 and
 * never reaches the identity store.
 */
record LoginRequest(String username, String password) {

    // Bounds the work an identity store's password hash is asked to do.
    static final int MAX_LENGTH = 1024;
    // Bounds the memory a login body can take before it is parsed.
    static final int MAX_BODY_BYTES = 4096;

    /** Why a login body was refused; the message is safe to show the client. */
    static class MalformedException extends RuntimeException {
        MalformedException(String message) {
            super(message);
        }
    }

    /** A body over {@link #MAX_BODY_BYTES}: the client gets a 413. */
    static class TooLargeException extends MalformedException {
        TooLargeException() {
            super("The body may have at most " + MAX_BODY_BYTES + " bytes");
        }
    }

    /** Reads at most {@link #MAX_BODY_BYTES} bytes of UTF-8 (RFC 8259) and parses them. */
    static LoginRequest parse(InputStream body) {
        try {
            byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new TooLargeException();
            }
            return parse(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new MalformedException("The body could not be read");
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
