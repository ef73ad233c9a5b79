package dev.chatbot.nlp.text;

/**
 * Makes any incoming string safe to analyse: {@code null} becomes empty, control and format characters
 * become spaces, unpaired surrogates are dropped, runs of whitespace collapse to one space, and the text
 * is cut to a maximum length without splitting a surrogate pair.
 */
public final class MessageText {

    private MessageText() {
    }

    public static String clean(String text, int maxChars) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        int limit = Math.min(text.length(), Math.max(maxChars, 0) * 2 + 16);
        StringBuilder sb = new StringBuilder(Math.min(limit, maxChars + 1));
        boolean space = true;
        for (int i = 0; i < limit && sb.length() < maxChars; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    if (sb.length() + 2 > maxChars) {
                        break;
                    }
                    sb.append(c).append(text.charAt(i + 1));
                    i++;
                    space = false;
                }
                continue;
            }
            if (Character.isLowSurrogate(c)) {
                continue;
            }
            boolean blank = Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)
                    || c == '\uFFFD' || c == '\uFEFF' || (Character.getType(c) == Character.FORMAT && c != '\u200D');
            if (blank) {
                if (!space) {
                    sb.append(' ');
                    space = true;
                }
            } else {
                sb.append(c);
                space = false;
            }
        }
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == ' ') {
            end--;
        }
        return sb.substring(0, end);
    }
}
