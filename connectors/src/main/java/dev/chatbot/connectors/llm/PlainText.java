package dev.chatbot.connectors.llm;

import java.util.regex.Pattern;

/**
 * Turns model output or data into plain text: markdown links and images become their text, HTML comments, tags and
 * entities go, emphasis, headings, code fences and list markers are dropped, invisible characters removed. The widget
 * shows text only, and nothing a model writes may become a clickable link or markup.
 */
final class PlainText {

    private static final Pattern HTML_COMMENT = Pattern.compile("<!--[\\s\\S]*?(?:-->|$)");
    private static final Pattern MD_COMMENT = Pattern.compile("(?m)^\\s*\\[(?://|comment|hidden)\\]\\s*:\\s*(?:#|<>).*$");
    private static final Pattern MD_IMAGE = Pattern.compile("!\\[([^\\]]*)\\]\\([^)]*\\)");
    private static final Pattern MD_LINK = Pattern.compile("\\[([^\\]]*)\\]\\([^)]*\\)");
    private static final Pattern MD_REF_LINK = Pattern.compile("\\[([^\\]]+)\\]\\[[^\\]]*\\]");
    private static final Pattern MD_REF_DEF = Pattern.compile("(?m)^\\s*\\[[^\\]]+\\]:\\s*\\S+.*$");
    private static final Pattern SCRIPT_OR_STYLE = Pattern.compile("(?is)<(script|style)\\b[^>]*>.*?(?:</\\1\\s*>|$)");
    private static final Pattern TAG = Pattern.compile("</?[a-zA-Z][^>]*>|<[a-zA-Z][^>]*$");
    private static final Pattern ENTITY = Pattern.compile("&(?:#\\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
    private static final Pattern CODE_FENCE = Pattern.compile("(?m)^\\s*```.*$");
    private static final Pattern EMPHASIS = Pattern.compile("(\\*{1,3}|_{2,3}|~~|`)(?=\\S)(.+?)(?<=\\S)\\1");
    private static final Pattern HEADING = Pattern.compile("(?m)^\\s{0,3}#{1,6}\\s+");
    private static final Pattern QUOTE = Pattern.compile("(?m)^\\s*>\\s?");
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cf}&&[^\\u200D]]|[\\p{Cc}&&[^\\n\\t]]");
    private static final Pattern SPACES = Pattern.compile("[ \\t]+");

    private PlainText() {
    }

    static String of(String text) {
        String s = INVISIBLE.matcher(text).replaceAll("");
        s = HTML_COMMENT.matcher(s).replaceAll(" ");
        s = MD_COMMENT.matcher(s).replaceAll("");
        s = SCRIPT_OR_STYLE.matcher(s).replaceAll(" ");
        s = MD_IMAGE.matcher(s).replaceAll("$1");
        s = MD_LINK.matcher(s).replaceAll("$1");
        s = MD_REF_LINK.matcher(s).replaceAll("$1");
        s = MD_REF_DEF.matcher(s).replaceAll("");
        s = TAG.matcher(s).replaceAll(" ");
        s = ENTITY.matcher(s).replaceAll(" ");
        s = s.replace("<", "").replace(">", "");
        s = CODE_FENCE.matcher(s).replaceAll("");
        s = EMPHASIS.matcher(s).replaceAll("$2");
        s = HEADING.matcher(s).replaceAll("");
        s = QUOTE.matcher(s).replaceAll("");
        s = SPACES.matcher(s).replaceAll(" ");
        return s;
    }
}
