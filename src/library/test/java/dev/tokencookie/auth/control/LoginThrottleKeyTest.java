package dev.tokencookie.auth.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The throttle's username key: every spelling that a store comparing without regard to case would accept for one user
 * shares one count, and names such a store tells apart do not.
 */
class LoginThrottleKeyTest {

    static List<List<String>> sameUser() {
        return List.of(
                // Turkish dotless and dotted i, each in both cases (review finding: three counters before)
                List.of("alice", "alıce", "alİce", "ALICE", "AlIce", "ALİCE"),
                // German sharp s, small and capital, and its upper-case spelling
                List.of("straße", "STRASSE", "strasse", "STRAẞE", "Straße"),
                // full-width letters and digits, a ligature, the Kelvin sign and the long s
                List.of("alice42", "ａｌｉｃｅ４２", "ＡＬＩＣＥ42"),
                List.of("office", "oﬃce", "OFFICE"),
                List.of("kate", "\u212Aate"),
                List.of("sam", "\u017Fam"),
                // a combining mark, precomposed or not, in either case
                List.of("zoë", "zoe\u0308", "ZOË", "ZOE\u0308"),
                // Greek final and medial sigma
                List.of("σοφος", "σοφοσ", "ΣΟΦΟΣ"),
                // surrounding and repeated spaces
                List.of("mary ann", " Mary  Ann ", "MARY\u00A0ANN"));
    }

    @ParameterizedTest
    @MethodSource("sameUser")
    void spellingsOfOneUserShareAKey(List<String> spellings) {
        String key = LoginThrottle.userKey(spellings.get(0));
        for (String spelling : spellings) {
            assertEquals(key, LoginThrottle.userKey(spelling), spelling + " and " + spellings.get(0));
        }
    }

    static List<List<String>> differentUsers() {
        return List.of(List.of("alice", "alicé"), List.of("zoe", "zoë"), List.of("alice", "al ice"),
                List.of("alice", "alice1"), List.of("ali", "alı̇"));
    }

    @ParameterizedTest
    @MethodSource("differentUsers")
    void namesThatDifferBeyondCaseAndWidthDoNot(List<String> names) {
        assertNotEquals(LoginThrottle.userKey(names.get(0)), LoginThrottle.userKey(names.get(1)), names.toString());
    }
}
