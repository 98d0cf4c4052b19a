package dev.tokencookie.auth.boundary;

import static dev.tokencookie.shared.control.Jsonp.JSON;

import jakarta.json.stream.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

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

    /**
     * Walks the parser's events itself instead of building a JSON object: no nested value is ever entered, so no
     * nesting depth can exhaust the stack, and no number is ever converted, so no exponent can make a BigDecimal fail.
     * Other fields than username and password are ignored if they hold a string, true, false or null.
     */
    static LoginRequest parse(String body) {
        String username = null;
        String password = null;
        try (JsonParser parser = JSON.createParser(new StringReader(body == null ? "" : body))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw new MalformedException("The body must be a JSON object");
            }
            Set<String> names = new HashSet<>();
            JsonParser.Event event;
            while ((event = parser.next()) == JsonParser.Event.KEY_NAME) {
                String name = parser.getString();
                if (!names.add(name)) {
                    throw new MalformedException("The body names a field twice");
                }
                switch (parser.next()) {
                    case VALUE_STRING -> {
                        if (name.equals("username")) {
                            username = field(name, parser.getString());
                        } else if (name.equals("password")) {
                            password = field(name, parser.getString());
                        }
                    }
                    case VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> {
                        // Another field's plain value is ignored.
                    }
                    // A number is refused as its text stands, never converted; nesting, before it is entered.
                    default -> throw new MalformedException(
                            "The body must be a flat JSON object of strings, true, false or null");
                }
            }
            if (event != JsonParser.Event.END_OBJECT) {
                throw new MalformedException("The body is not valid JSON");
            }
            if (parser.hasNext()) {
                throw new MalformedException("The body must hold one JSON object only");
            }
        } catch (MalformedException e) {
            throw e;
        } catch (RuntimeException e) {
            // JsonParsingException for bad syntax, and whatever else a JSON-P implementation throws on hostile input:
            // all of it is the client's malformed body, never a server error.
            throw new MalformedException("The body is not valid JSON");
        }
        if (username == null) {
            throw new MalformedException("The field username must be a non-empty string");
        }
        if (password == null) {
            throw new MalformedException("The field password must be a non-empty string");
        }
        return new LoginRequest(username, password);
    }

    private static String field(String name, String value) {
        if (value.isBlank()) {
            throw new MalformedException("The field " + name + " must be a non-empty string");
        }
        if (value.length() > MAX_LENGTH) {
            throw new MalformedException("The field " + name + " is too long");
        }
        return value;
    }

    @Override
    public String toString() {
        return "LoginRequest[username=" + username + "]";
    }
}
