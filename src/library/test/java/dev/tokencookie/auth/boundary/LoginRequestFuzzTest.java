package dev.tokencookie.auth.boundary;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;

/**
 * Coverage-guided fuzzing (Jazzer) of the login body parser: whatever the bytes, it answers a login request that keeps
 * the rules or a refusal the client is shown, never another exception (a 500 before the throttle).
 */
class LoginRequestFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void parse(FuzzedDataProvider data) {
        byte[] body = data.consumeRemainingAsBytes();
        LoginRequest request;
        try {
            request = LoginRequest.parse(new ByteArrayInputStream(body));
        } catch (LoginRequest.MalformedException refused) {
            return;
        }
        for (String field : new String[] {request.username(), request.password()}) {
            if (field == null || field.isBlank() || field.length() > LoginRequest.MAX_LENGTH) {
                throw new AssertionError("A login body that breaks a rule was accepted: " + request);
            }
        }
        if (body.length > LoginRequest.MAX_BODY_BYTES) {
            throw new AssertionError("An oversized body was accepted: " + body.length + " bytes");
        }
    }
}
