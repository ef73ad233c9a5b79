package dev.chatbot.connectors.llm;

import java.text.BreakIterator;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Neutralises instructions planted in data before it reaches the model: FAQ passages an admin (or an attacker with
 * admin access) wrote, and earlier turns that may quote CRM fields or customer text. Hidden comments and markup are
 * removed, fake role markers and the prompt's own delimiters are defused, and every sentence that reads as an attempt
 * to instruct the assistant is replaced by {@value #REMOVED}. The prompt also tells the model that these blocks are
 * data, never instructions, but the model is not trusted to remember that.
 */
public final class PassageSanitizer {

    static final String REMOVED = "[removed]";
    private static final Pattern ROLE_MARKER = Pattern.compile(
            "(?i)\\b(system|assistant|developer|admin|administrator|operator|user|customer|ai|bot)\\s*:");
    private static final Pattern CHAT_TOKENS = Pattern.compile(
            "<\\|[^|>]{0,40}\\|>|<<\\s*/?\\s*sys\\s*>>|\\[/?\\s*inst\\s*\\]|#{3,}", Pattern.CASE_INSENSITIVE);
    private static final Pattern DELIMITERS = Pattern.compile("<{2,}|>{2,}|\\[{2,}|\\]{2,}|={3,}|-{3,}");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final PromptInjectionDetector detector;

    public PassageSanitizer(PromptInjectionDetector detector) {
        this.detector = detector;
    }

    /** The text made safe to place inside a data block, at most {@code maxChars} characters. */
    public String sanitize(String text, int maxChars) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String s = CHAT_TOKENS.matcher(text).replaceAll(" ");
        s = PlainText.of(s);
        s = DELIMITERS.matcher(s).replaceAll(" ");
        s = ROLE_MARKER.matcher(s).replaceAll("$1 -");
        s = WHITESPACE.matcher(s).replaceAll(" ").strip();
        if (s.length() > maxChars) {
            s = s.substring(0, Math.max(0, maxChars - 1)).strip() + "\u2026";
        }
        return removeInstructions(s);
    }

    private String removeInstructions(String text) {
        if (!detector.inspect(text).flagged()) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ENGLISH);
        sentences.setText(text);
        boolean lastRemoved = false;
        for (int start = sentences.first(), end = sentences.next(); end != BreakIterator.DONE;
             start = end, end = sentences.next()) {
            String sentence = text.substring(start, end);
            if (detector.inspect(sentence).flagged()) {
                if (!lastRemoved) {
                    out.append(REMOVED).append(' ');
                }
                lastRemoved = true;
            } else {
                out.append(sentence);
                lastRemoved = false;
            }
        }
        String result = out.toString().strip();
        // an instruction spread over sentences that are harmless one by one: drop the whole text
        return detector.inspect(result).flagged() ? REMOVED : result;
    }
}
