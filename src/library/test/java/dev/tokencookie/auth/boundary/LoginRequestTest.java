package dev.tokencookie.auth.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoginRequestTest {

    @Test
    void readsUsernameAndPassword() {
        LoginRequest request = LoginRequest.parse(
                "{\"username\":\"alice\",\"password\":\"s3cret\",\"extra\":\"x\",\"remember\":true,\"n\":null}");
        assertEquals("alice", request.username());
        assertEquals("s3cret", request.password());
        assertFalse(request.toString().contains("s3cret"), "the password never reaches a log line");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "not json", "[]", "\"alice\"", "{\"username\":\"alice\"}",
            "{\"username\":\"alice\",\"password\":\"\"}", "{\"username\":\" \",\"password\":\"x\"}",
            "{\"username\":\"alice\",\"password\":42}", "{\"username\":null,\"password\":\"x\"}",
            "{\"username\":\"alice\",\"password\":\"x\"} trailing",
            "{\"username\":\"alice\",\"username\":\"bob\",\"password\":\"x\"}",
            "{\"username\":\"alice\",\"password\":\"x\",\"extra\":{\"a\":1}}",
            "{\"username\":\"alice\",\"password\":\"x\",\"extra\":[1]}",
            "{\"username\":\"alice\",\"password\":[\"x\"]}"})
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

    /** Found by review: these bodies threw past the parser's catch, a 500 with a long stack trace in the log. */
    @Test
    void hostileBodiesWithinTheSizeLimitAreBadRequests() {
        String nestedArrays = "[".repeat(2000) + "]".repeat(2000);
        String nestedObjects = "{\"a\":".repeat(500) + "1" + "}".repeat(500);
        for (String body : new String[] {
                nestedArrays,
                "{\"username\":\"alice\",\"password\":\"x\",\"extra\":" + nestedArrays + "}",
                "{\"username\":\"alice\",\"password\":\"x\",\"extra\":" + nestedObjects + "}",
                nestedObjects}) {
            assertTrue(body.length() <= LoginRequest.MAX_BODY_BYTES, "within the size limit: " + body.length());
            assertThrows(LoginRequest.MalformedException.class, () -> LoginRequest.parse(body));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e9999999999", "-1e-9999999999", "1E+2147483648",
            "123456789012345678901234567890e999999999",
            "1"})
    void numbersAreRefusedWithoutBeingConverted(String number) {
        for (String body : new String[] {number, "{\"username\":\"alice\",\"password\":" + number + "}",
                "{\"username\":\"alice\",\"password\":\"x\",\"extra\":" + number + "}"}) {
            assertThrows(LoginRequest.MalformedException.class, () -> LoginRequest.parse(body), body);
        }
    }
}
