package dev.tokencookie.accesstoken.boundary;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tells whether a request URI, as the client sent it, means one path to every reader: the servlet container normalises
 * dot-segments and path parameters away and decodes escapes before it maps a request to the filter, while JAX-RS
 * matches its own reading of the same text. A URI that the two could read differently is refused before any decision
 * is taken on its path.
 */
final class CanonicalPath {

    // Escapes of '.', '/', '\', ';' (and of their escapes, for a proxy that decodes twice), of control characters, and
    // of 0xC0 and 0xC1, which start only overlong UTF-8 sequences such as %C0%AE for '.'.
    private static final Pattern AMBIGUOUS_ESCAPE =
            Pattern.compile("%(2e|2f|5c|3b|25(2e|2f|5c|3b)|[01][0-9a-f]|7f|c0|c1)");

    private CanonicalPath() {
    }

    /**

     * Whether the raw request URI (without its query) has no dot-segment, empty segment, path parameter or backslash.

     */
    static boolean isCanonical(String requestUri) {
        if (requestUri == null || !requestUri.startsWith("/") || requestUri.indexOf('\\') >= 0
                || requestUri.indexOf(';') >= 0 || requestUri.contains("//")) {
            return false;
        }
        for (String segment : requestUri.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return !AMBIGUOUS_ESCAPE.matcher(requestUri.toLowerCase(Locale.ROOT)).find();
    }
}
