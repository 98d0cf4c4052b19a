package dev.tokencookie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tokencookie.it.support.Api;
import dev.tokencookie.it.support.Api.Reply;
import dev.tokencookie.it.support.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A restart changes nothing for a signed-in browser: the run mode's H2 keeps sessions and signing keys in a file, so
 * an access token issued before still verifies and its refresh cookie still refreshes.
 */
class RestartIT {

    @Test
    void tokensAndCookiesOutliveARestart() throws Exception {
        Path data = Path.of("target", "restart-it-data");
        if (Files.exists(data)) {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        int port = ServerProcess.freePort();
        String accessToken;
        String cookie;
        try (ServerProcess server = ServerProcess.start(port, data)) {
            Reply login = server.api().login("alice", "alice-password-1");
            assertEquals(200, login.status(), login.body());
            accessToken = login.json().getString("access_token");
            cookie = login.refreshCookie().value();
        }

        try (ServerProcess restarted = ServerProcess.start(port, data)) {
            Api api = restarted.api();
            Reply me = api.get("api/me", "Authorization", "Bearer " + accessToken);
            assertEquals(200, me.status(), "the access token from before the restart: " + me.body());
            assertEquals("alice", me.json().getString("name"));
            Reply refresh = api.withCookie("api/auth/refresh", cookie);
            assertEquals(200, refresh.status(), "the refresh cookie from before the restart: " + refresh.body());
        }
    }
}
