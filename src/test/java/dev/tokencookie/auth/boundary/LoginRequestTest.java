package dev.tokencookie.auth.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoginRequestTest {

    @Test
    void readsUsernameAndPassword() {
        LoginRequest request = LoginRequest.parse("{\"username\":\"alice\",\"password\":\"s3cret\",\"extra\":1}");
        assertEquals("alice", request.username());
        assertEquals("s3cret", request.password());
        assertFalse(request.toString().contains("s3cret"), "the password never reaches a log line");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "not json", "[]", "\"alice\"", "{\"username\":\"alice\"}",
            "{\"username\":\"alice\",\"password\":\"\"}", "{\"username\":\" \",\"password\":\"x\"}",
            "{\"username\":\"alice\",\"password\":42}", "{\"username\":null,\"password\":\"x\"}",
            "{\"username\":\"alice\",\"password\":\"x\"} trailing"})
    void malformedBodiesAreBadRequests(String body) {
        assertThrows(LoginRequest.MalformedException.class, () -> LoginRequest.parse(body));
    }

    @Test
    void oversizedBodyIsTooLarge() {
        byte[] body = ("{\"username\":\"alice\",\"password\":\"" + "x".repeat(LoginRequest.MAX_BODY_BYTES) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertThrows(LoginRequest.TooLargeException.class, () -> LoginRequest.parse(new ByteArrayInputStream(body)));
    }

    @Test
    void bodyIsReadAsUtf8() {
        byte[] body = "{\"username\":\"zoë\",\"password\":\"päss\"}".getBytes(StandardCharsets.UTF_8);
        assertEquals("zoë", LoginRequest.parse(new ByteArrayInputStream(body)).username());
    }

    @Test
    void overlongFieldsAreBadRequests() {
        String body = "{\"username\":\"alice\",\"password\":\"" + "x".repeat(LoginRequest.MAX_LENGTH + 1) + "\"}";
        assertThrows(LoginRequest.MalformedException.class, () -> LoginRequest.parse(body));
    }
}
