package dev.tokencookie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokencookie.it.deployed.TestUsers;
import dev.tokencookie.it.support.Api;
import dev.tokencookie.it.support.Api.Reply;
import dev.tokencookie.it.support.Deployments;
import dev.tokencookie.it.support.LoginTimes;
import dev.tokencookie.it.support.ServerTest;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * No user enumeration by timing: an unknown user and a wrong password take the same time (the throttle is set out of
 * the way, as this test fails many logins on purpose).
 */
class LoginTimingIT extends ServerTest {

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

        LoginTimes times = LoginTimes.measure(api, TestUsers.USER, SAMPLES);
        assertTrue(times.ratio() >= 0.8 && times.ratio() <= 1.25, times.toString());
    }
}
