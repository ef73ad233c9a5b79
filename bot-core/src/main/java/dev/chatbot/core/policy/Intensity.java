package dev.chatbot.core.policy;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How heated a message reads, from cues a sentiment probability does not carry: repeated exclamation marks, shouting
 * in capitals, and strong or abusive words. A sentiment classifier says "negative" with the same confidence for
 * "still waiting..." and for "THIS IS A JOKE!!!"; escalating every mildly unhappy customer would defeat the bot, so
 * a single negative message escalates only when it also reads heated.
 */
final class Intensity {

    private static final Pattern WORD = Pattern.compile("[\\p{L}']+");
    private static final Set<String> STRONG = Set.of("worst", "useless", "furious", "ridiculous", "unacceptable",
            "disgusting", "pathetic", "scam", "scammers", "scammer", "incompetent", "livid", "outrageous", "appalling",
            "horrible", "terrible", "hate", "disgrace", "shameful", "idiots", "idiot", "rubbish", "garbage", "joke",
            "wtf", "ffs", "damn", "shit", "crap", "fucking", "fuck", "bullshit", "sick", "fed");

    private Intensity() {
    }

    /** Number of distinct kinds of cue present (0 to 3). */
    static int cues(String text) {
        int cues = 0;
        if (text.chars().filter(c -> c == '!').count() >= 2) {
            cues++;
        }
        int shouted = 0;
        boolean strong = false;
        var m = WORD.matcher(text);
        while (m.find()) {
            String w = m.group();
            if (w.length() >= 3 && w.equals(w.toUpperCase(Locale.ROOT)) && !w.equals(w.toLowerCase(Locale.ROOT))) {
                shouted++;
            }
            if (STRONG.contains(w.toLowerCase(Locale.ROOT))) {
                strong = true;
            }
        }
        if (shouted >= 2) {
            cues++;
        }
        if (strong) {
            cues++;
        }
        return cues;
    }
}
