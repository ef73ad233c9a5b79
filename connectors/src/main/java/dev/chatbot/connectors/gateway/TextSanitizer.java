package dev.chatbot.connectors.gateway;

import java.text.Normalizer;

/**
 * Normalises customer text before it is stored: Unicode NFC, and control characters other than line breaks and
 * tabs removed (they are invisible, confuse logs and terminals, and carry nothing a customer meant). HTML is kept
 * as typed: it is plain text, and every client renders it as text.
 */
public final class TextSanitizer {

    private TextSanitizer() {
    }

    public static String clean(String text) {
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(nfc.length());
        nfc.codePoints().forEach(cp -> {
            if (cp == '\n' || cp == '\t' || !(Character.isISOControl(cp) || isBidiOverride(cp))) {
                out.appendCodePoint(cp == '\r' ? '\n' : cp);
            }
        });
        return out.toString();
    }

    /** Right-to-left overrides can disguise text shown to agents; they have no use in a support chat. */
    private static boolean isBidiOverride(int cp) {
        return cp == 0x202E || cp == 0x202D || cp == 0x2066 || cp == 0x2067 || cp == 0x2068 || cp == 0x2069;
    }
}
