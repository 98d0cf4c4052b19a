package dev.tokencookie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokencookie.it.deployed.TestUsers;
import dev.tokencookie.it.support.Api;
import dev.tokencookie.it.support.Api.Reply;
import dev.tokencookie.it.support.Deployments;
import dev.tokencookie.it.support.ServerTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * No user enumeration by timing: an unknown user and a wrong password take the same time (the throttle is set out of
 * the way, as this test fails many logins on purpose).
 */
class LoginTimingIT extends ServerTest {

    private static final int WARM_UP = 10;
    private static final int SAMPLES = 41;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war(Map.of("auth.login.max-failures", "1000000"));
    }

    @Test
    void anUnknownUserAndAWrongPasswordTakeTheSameTime() {
        Api api = api();
        Reply unknown = api.login("no-such-user", "some-password-1");
        Reply wrong = api.login(TestUsers.USER, "some-password-1");
        assertEquals(401, unknown.status());
        assertEquals(unknown.body(), wrong.body(), "the same answer");

        List<Long> unknownTimes = new ArrayList<>();
        List<Long> wrongTimes = new ArrayList<>();
        for (int i = 0; i < WARM_UP + SAMPLES; i++) {
            // Interleaved, so that a slow moment of the machine falls on both sides alike.
            long unknownNanos = time(api, "no-such-user-" + i);
            long wrongNanos = time(api, TestUsers.USER);
            if (i >= WARM_UP) {
                unknownTimes.add(unknownNanos);
                wrongTimes.add(wrongNanos);
            }
        }
        double ratio = (double) median(unknownTimes) / median(wrongTimes);
        assertTrue(ratio >= 0.8 && ratio <= 1.25, "median unknown/wrong = " + ratio
                + " (" + median(unknownTimes) / 1000 + " us / " + median(wrongTimes) / 1000 + " us)");
    }

    private static long time(Api api, String username) {
        long start = System.nanoTime();
        int status = api.login(username, "not-the-password").status();
        long elapsed = System.nanoTime() - start;
        assertEquals(401, status);
        return elapsed;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
