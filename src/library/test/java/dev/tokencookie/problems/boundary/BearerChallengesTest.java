package dev.tokencookie.problems.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The exact challenge texts that the filter and the sessions resource sent before they shared one builder.
 */
class BearerChallengesTest {

    @Test
    void withoutAnErrorOnlyTheRealm() {
        assertEquals("Bearer realm=\"api\"", BearerChallenges.challenge("api", null, null));
    }

    @Test
    void anErrorWithItsDescription() {
        assertEquals("Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The access token expired\"",
                BearerChallenges.challenge("api", "invalid_token", "The access token expired"));
    }

    @Test
    void anErrorAlone() {
        assertEquals("Bearer realm=\"api\", error=\"invalid_token\"",
                BearerChallenges.challenge("api", "invalid_token", null));
    }
}
