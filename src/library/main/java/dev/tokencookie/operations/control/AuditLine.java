package dev.tokencookie.operations.control;

/**
 * Writes a security event as one line of {@code key=value} pairs in a fixed order, so that log shippers parse it with
 * one rule and no value sent by a client can break the line or forge another one.
 *
 * <p>Form: {@code time=<ISO-8601 UTC> event=<label> outcome=<label> user="<name>" session=<id> client=<address>
 * agent="<User-Agent>" detail="<text>"}. A value that is not known is {@code -}, unquoted. Quoted values escape
 * {@code \} and {@code "} with a backslash, and every control, line-separating, bidirectional or zero-width character
 * as {@code \}{@code uXXXX};
 * they are cut at {@value #MAX_VALUE} characters, ending in {@code ...}.
 */
public final class AuditLine {

    /** Long enough for any real name or browser's User-Agent; a client cannot make the log grow beyond it. */
    static final int MAX_VALUE = 256;

    private AuditLine() {
    }

    public static String of(SecurityEvent event) {
        StringBuilder line = new StringBuilder(160);
        line.append("time=").append(event.time());
        line.append(" event=").append(event.kind().label());
        line.append(" outcome=").append(event.outcome().label());
        line.append(" user=");
        quoted(line, event.user());
        line.append(" session=");
        plain(line, event.sessionId());
        line.append(" client=");
        plain(line, event.clientAddress());
        line.append(" agent=");
        quoted(line, event.userAgent());
        line.append(" detail=");
        quoted(line, event.detail());
        return line.toString();
    }

    /** Values the module makes itself (ids, addresses), still kept to safe characters in case a proxy passed one. */
    private static void plain(StringBuilder line, String value) {
        if (value == null || value.isEmpty()) {
            line.append('-');
            return;
        }
        int end = Math.min(value.length(), MAX_VALUE);
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == ':' || c == '%' || c == '[' || c == ']';
            line.append(safe ? c : '?');
        }
    }

    private static void quoted(StringBuilder line, String value) {
        if (value == null) {
            line.append('-');
            return;
        }
        line.append('"');
        int end = Math.min(value.length(), MAX_VALUE);
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                line.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || invisible(c)
                    || Character.isSurrogate(c) && !validPair(value, i, end)) {
                line.append(String.format("\\u%04x", (int) c));
            } else {
                line.append(c);
            }
        }
        if (value.length() > MAX_VALUE) {
            line.append("...");
        }
        line.append('"');
    }

    /**
     * Line and paragraph separators, and the characters that turn text around or hide in it (bidirectional controls,
     * zero-width characters): a log viewer would show a line other than the one written.
     */
    private static boolean invisible(char c) {
        return (c >= '\u200B' && c <= '\u200F') || (c >= '\u2028' && c <= '\u202E')
                || (c >= '\u2060' && c <= '\u2069') || c == '\uFEFF';
    }

    /** Whether the surrogate at i belongs to a whole pair, which is a real character; a lone one is escaped. */
    private static boolean validPair(String value, int i, int end) {
        char c = value.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < end && Character.isLowSurrogate(value.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
    }
}
