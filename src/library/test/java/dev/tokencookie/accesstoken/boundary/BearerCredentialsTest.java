package dev.tokencookie.accesstoken.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tokencookie.accesstoken.boundary.BearerCredentials.Outcome;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BearerCredentialsTest {

    private static BearerCredentials parse(String... headers) {
        return BearerCredentials.from(Collections.enumeration(List.of(headers)));
    }

    @Test
    void noHeaderIsAbsent() {
        assertEquals(Outcome.ABSENT, parse().outcome());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer abc.def.ghi", "bearer abc.def.ghi", "BEARER abc.def.ghi", "Bearer  abc.def.ghi "})
    void schemeIsCaseInsensitive(String header) {
        BearerCredentials credentials = parse(header);
        assertEquals(Outcome.PRESENT, credentials.outcome());
        assertEquals("abc.def.ghi", credentials.token());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic YWxpY2U6cGFzcw==", "Bearer", "Bearer ", "Bearerabc.def.ghi", "Bearer abc def",
            "Bearer abc.def.ghi\u0000", "Bearer ab\"c", "Token abc", "Bearer abc.def", "Bearer abc.def.ghi.jkl",
            "Bearer a.b.c.d.e", "Bearer abc.def.gh=", "Bearer abc.d+f.ghi", "Bearer abc.d/f.ghi", "Bearer abc..ghi",
            "Bearer abc.de f.ghi"})
    void anythingElseIsMalformed(String header) {
        assertEquals(Outcome.MALFORMED, parse(header).outcome());
    }

    @Test
    void twoAuthorizationHeadersAreMalformed() {
        assertEquals(Outcome.MALFORMED, parse("Bearer a.b.c", "Bearer d.e.f").outcome());
    }

    @Test
    void oversizedTokenIsRefusedBeforeParsing() {
        String justFits = "a.b." + "c".repeat(BearerCredentials.MAX_TOKEN_LENGTH - 4);
        assertEquals(Outcome.PRESENT, parse("Bearer " + justFits).outcome());
        assertEquals(Outcome.MALFORMED, parse("Bearer " + justFits + "c").outcome());
    }

    @Test
    void neverPrintsTheToken() {
        assertEquals("BearerCredentials[PRESENT]", parse("Bearer secret.token.value").toString());
    }
}
