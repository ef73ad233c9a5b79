package dev.chatbot.connectors.crm;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Builds the HTTP CRM's URLs so that ids and e-mail addresses stay data: every byte outside the unreserved set
 * ({@code A-Z a-z 0-9 - . _ ~}) is percent-encoded, so {@code /}, {@code ?}, {@code #}, {@code %}, quotes and
 * spaces can never add a path segment, a query parameter or a fragment.
 */
final class CrmUrls {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private CrmUrls() {
    }

    /**
     * Checks a configured base URL and drops a trailing slash: {@code http} or {@code https}, a host, no user
     * info (the token goes in {@code chatbot.crm.token}), no query and no fragment.
     */
    static String base(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("chatbot.crm.base-url must be an http or https URL, was scheme '"
                    + scheme + "'");
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            throw new IllegalArgumentException("chatbot.crm.base-url has no host");
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("chatbot.crm.base-url must not contain credentials; "
                    + "set chatbot.crm.token (CHATBOT_CRM_TOKEN) instead");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("chatbot.crm.base-url must not have a query or a fragment");
        }
        String s = url.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /** Percent-encodes a path segment or a query value (UTF-8). */
    static String encode(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }
}
