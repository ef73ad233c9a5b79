package dev.chatbot.core.handler;

import dev.chatbot.core.dialogue.TurnContext;

import java.util.Locale;
import java.util.regex.Pattern;

/** Reading a yes or a no from a message: the NLU's affirm/deny intents first, then common words. */
public final class Answers {

    private static final Pattern YES = Pattern.compile(
            "^(y|yes|yeah|yep|yup|sure|ok|okay|k|please|please do|go ahead|do it|confirm|confirmed|correct|right|"
                    + "that's right|sounds good|absolutely|of course|definitely)\\b.*", Pattern.CASE_INSENSITIVE);
    private static final Pattern NO = Pattern.compile(
            "^(n|no|nope|nah|don't|do not|not now|never mind|nevermind|cancel that|stop|wait|no thanks|no thank you)\\b.*",
            Pattern.CASE_INSENSITIVE);

    private Answers() {
    }

    public static boolean isYes(TurnContext turn) {
        if (turn.isIntent("affirm", turn.config().intentThreshold())) {
            return true;
        }
        return !turn.isIntent("deny", turn.config().intentThreshold()) && YES.matcher(clean(turn.text())).matches();
    }

    public static boolean isNo(TurnContext turn) {
        if (turn.isIntent("deny", turn.config().intentThreshold())) {
            return true;
        }
        return !turn.isIntent("affirm", turn.config().intentThreshold()) && NO.matcher(clean(turn.text())).matches();
    }

    private static String clean(String text) {
        return text.strip().toLowerCase(Locale.ROOT).replaceAll("[!.,]+$", "");
    }
}
