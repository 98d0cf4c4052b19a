package dev.tokencookie.it.support;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * A browser's view of the module over real HTTP: JSON requests, and the cookie sent by hand so each test controls it.
 */
public final class Api {

    private final URI base;
    // HTTP/1.1 as browsers speak to an http:// URL: no h2c upgrade, whose header limits differ.
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    public Api(URI base) {
        this.base = base;
    }

    /** A POST as the page's script sends it: with X-Requested-With to the cookie endpoints. */
    public Reply post(String path, String contentType, String body, String... headers) {
        return rawPost(path, contentType, body, withRequestedWith(path, headers));
    }

    public Reply login(String username, String password, String... headers) {
        return loginAt("api/auth/login", username, password, headers);
    }

    /** Signs in at the module's login endpoint wherever the application serves it, e.g. a team's account/auth/login. */
    public Reply loginAt(String path, String username, String password, String... headers) {
        return post(path, "application/json", loginBody(username, password), headers);
    }

    private static String loginBody(String username, String password) {
        return Json.createObjectBuilder().add("username", username).add("password", password).build().toString();
    }

    /** POSTs to an auth endpoint with the refresh cookie as a browser would send it. */
    public Reply withCookie(String path, String cookieValue) {
        return post(path, null, null, "Cookie", "refresh_token=" + cookieValue);
    }

    public Reply get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    public Reply options(String path, String... headers) {
        return send(request(path, headers).method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
    }

    public Reply delete(String path, String... headers) {
        return send(request(path, headers).DELETE().build());
    }

    /** A POST exactly as given: no X-Requested-With unless the headers name it, as a cross-site form would send. */
    public Reply rawPost(String path, String contentType, String body, String... headers) {
        HttpRequest.Builder request = request(path, headers)
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    /** The page's script sends X-Requested-With to the cookie endpoints, as the module requires. */
    private static String[] withRequestedWith(String path, String... headers) {
        if (!path.matches("[^/]+/auth/.*")) {
            return headers;
        }
        String[] all = Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = "X-Requested-With";
        all[headers.length + 1] = "fetch";
        return all;
    }

    /** Sends many refreshes with one cookie at the same moment, as tabs sharing a cookie jar do. */
    public List<Reply> refreshAtOnce(String cookieValue, int count) {
        HttpRequest request = request("api/auth/refresh", "Cookie", "refresh_token=" + cookieValue,
                "X-Requested-With", "fetch")
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return atOnce(Collections.nCopies(count, request));
    }

    /** One login of the username per password, all sent at once, as a guessing script on many connections would. */
    public List<Reply> loginAtOnce(String username, List<String> passwords) {
        return atOnce(passwords.stream().map(password -> request("api/auth/login", "X-Requested-With", "fetch",
                "Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(loginBody(username, password))).build()).toList());
    }

    private List<Reply> atOnce(List<HttpRequest> requests) {
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (HttpRequest request : requests) {
            inFlight.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        return inFlight.stream().map(CompletableFuture::join).map(Reply::new).toList();
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request;
    }

    private Reply send(HttpRequest request) {
        try {
            return new Reply(client.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One HTTP response, with the helpers the assertions need. */
    public record Reply(HttpResponse<String> response) {

        public int status() {
            return response.statusCode();
        }

        public String body() {
            return response.body();
        }

        public JsonObject json() {
            return Json.createReader(new StringReader(response.body())).readObject();
        }

        public JsonArray jsonArray() {
            return Json.createReader(new StringReader(response.body())).readArray();
        }

        public Optional<String> header(String name) {
            return response.headers().firstValue(name);
        }

        public List<String> headers(String name) {
            return response.headers().allValues(name);
        }

        /** The Set-Cookie of the refresh cookie, its attributes keyed in lower case; fails when there is none. */
        public SetCookie refreshCookie() {
            List<SetCookie> cookies = headers("Set-Cookie").stream().map(SetCookie::parse)
                    .filter(c -> c.name().equals("refresh_token")).toList();
            if (cookies.size() != 1) {
                throw new AssertionError("Expected one refresh cookie, got " + headers("Set-Cookie"));
            }
            return cookies.get(0);
        }
    }

    /** A parsed Set-Cookie header (RFC 6265 section 5.2). */
    public record SetCookie(String name, String value, Map<String, String> attributes) {

        static SetCookie parse(String header) {
            String[] parts = header.split(";");
            String[] pair = parts[0].split("=", 2);
            Map<String, String> attributes = new TreeMap<>();
            for (int i = 1; i < parts.length; i++) {
                String[] attribute = parts[i].strip().split("=", 2);
                attributes.put(attribute[0].toLowerCase(Locale.ROOT), attribute.length > 1 ? attribute[1] : "");
            }
            return new SetCookie(pair[0].strip(), pair.length > 1 ? pair[1].strip() : "", attributes);
        }

        public boolean has(String attribute) {
            return attributes.containsKey(attribute.toLowerCase(Locale.ROOT));
        }

        public String attribute(String attribute) {
            return attributes.get(attribute.toLowerCase(Locale.ROOT));
        }
    }
}
