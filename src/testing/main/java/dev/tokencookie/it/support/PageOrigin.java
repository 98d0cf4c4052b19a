package dev.tokencookie.it.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Test-only: the demo page and the client module served from an origin of their own, as a team's single-page app
 * would be, naming the API of another origin in its meta tag and sending the Content-Security-Policy that
 * docs/front-end.md gives for that set-up. Listens on 127.0.0.1; reach it as localhost (same site as the API) or as
 * 127.0.0.1 (another site).
 */
public final class PageOrigin implements AutoCloseable {

    private static final Path ROOT = Path.of(System.getProperty("root.dir", "../.."));
    private static final Map<String, Path> FILES = Map.of(
            "/app.js", ROOT.resolve("webapp/app.js"),
            "/styles.css", ROOT.resolve("webapp/styles.css"),
            "/token-client.js", ROOT.resolve("src/client/token-client.js"));

    /** A worker that uses the client by itself: the page posts it the API's URL, it answers what it got. */
    private static final String WORKER = """
            import * as auth from './token-client.js';
            self.onmessage = async ({ data }) => {
                auth.configure({ api: data.api });
                try {
                    const signedIn = await auth.start();
                    const response = await auth.fetch('me');
                    self.postMessage(`signed in: ${signedIn}, me: ${response.status} ${(await response.json()).name}`);
                } catch (error) {
                    self.postMessage(`error ${error.status} ${error.message}`);
                }
            };
            """;

    private final HttpServer server;

    private PageOrigin(int port, String api) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        String apiOrigin = api.replaceFirst("^(https?://[^/]+).*$", "$1");
        String page = Files.readString(ROOT.resolve("webapp/index.html"), StandardCharsets.UTF_8).replace(
                "<title>", "<meta name=\"token-cookie-auth-api\" content=\"" + api + "\">\n    <title>");
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body;
            String type;
            if ("/".equals(path)) {
                body = page.getBytes(StandardCharsets.UTF_8);
                type = "text/html; charset=utf-8";
            } else if ("/worker.js".equals(path)) {
                body = WORKER.getBytes(StandardCharsets.UTF_8);
                type = "text/javascript";
            } else if (FILES.containsKey(path)) {
                body = Files.readAllBytes(FILES.get(path));
                type = path.endsWith(".css") ? "text/css" : "text/javascript";
            } else {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.getResponseHeaders().add("Content-Security-Policy", contentSecurityPolicy(apiOrigin));
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    /** The policy of docs/front-end.md for an API of another origin: only connect-src names it. */
    public static String contentSecurityPolicy(String apiOrigin) {
        return "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self' " + apiOrigin
                + "; img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    /** Serves the page on the port, calling the API at {@code api} (absolute, ending in /api/). */
    public static PageOrigin serving(int port, String api) {
        try {
            return new PageOrigin(port, api);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port free now, to name in auth.allowed-origins before the page is served on it. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
