package dev.tokencookie.accesstoken.control;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The method and URL a DPoP proof must name ({@code htm}, {@code htu}), and the comparison RFC 9449 section 4.3 asks
 * for: without query and fragment, after RFC 3986's syntax- and scheme-based normalisation (case of scheme and host,
 * default port, empty path, case of percent-encodings), so that a browser's spelling of the URL and the server's
 * compare equal.
 */
public record RequestTarget(String method, String url) {

    /**
     * The target as the client sees it: the public URL of the context root (the setting, when a proxy changes it) and
     * the path below it, or else the URL the container was asked for.
     *
     * @param requestUrl the URL as the container reports it (scheme, host, port and path, no query)
     * @param contextPath the context root in {@code requestUrl}'s path
     * @param requestUri the path with the context root, undecoded
     */
    public static RequestTarget of(String method, String requestUrl, String contextPath, String requestUri,
            Optional<String> publicUrl) {
        return new RequestTarget(method, publicUrl.map(base -> base + requestUri.substring(contextPath.length()))
                .orElse(requestUrl));
    }

    /** Whether the proof's htu names this URL. */
    boolean isNamedBy(String htu) {
        Optional<String> named = normalised(htu);
        return named.isPresent() && named.equals(normalised(url));
    }

    static Optional<String> normalised(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getRawAuthority() == null
                || uri.getHost() == null || uri.getRawUserInfo() != null) {
            return Optional.empty();
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || port == 80 && scheme.equals("http") || port == 443
                && scheme.equals("https");
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port)
                + upperCaseEscapes(path));
    }

    private static String upperCaseEscapes(String path) {
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            out.append(c);
            if (c == '%' && i + 2 < path.length()) {
                out.append(path.substring(i + 1, i + 3).toUpperCase(Locale.ROOT));
                i += 2;
            }
        }
        return out.toString();
    }
}
