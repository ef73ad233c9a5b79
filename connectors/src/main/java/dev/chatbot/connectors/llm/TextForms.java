package dev.chatbot.connectors.llm;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The readings of a text that an attacker might hide an instruction in: Unicode look-alikes and invisible characters
 * folded away, leetspeak, letters spaced or dotted apart, rot13, reversed, and base64, hex, percent, HTML-entity
 * and {@code \\u} escapes decoded. Each reading is given as "words": lower case, letters and digits only, single
 * spaces, so that one set of word patterns can check them all.
 */
final class TextForms {

    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cf}\\p{M}\\u115F\\u1160\\u3164\\uFFA0]");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern SPACED_LETTERS = Pattern.compile("\\b(?:\\p{L}[ .\\-_*|/]{1,3}){3,}\\p{L}\\b");
    private static final Pattern BASE64_TOKEN = Pattern.compile("[A-Za-z0-9+/_\\-]{12,}={0,2}");
    private static final Pattern HEX_RUN = Pattern.compile("(?i)(?:(?:0x|\\\\x)?[0-9a-f]{2}[\\s:,]?){8,}");
    private static final Pattern PERCENT_RUN = Pattern.compile("(?:%[0-9A-Fa-f]{2}){4,}");
    private static final Pattern ENTITY = Pattern.compile("&#(x[0-9a-fA-F]{1,6}|[0-9]{1,7});");
    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\u([0-9a-fA-F]{4})");
    private static final Map<Character, Character> CONFUSABLES = confusables();
    private static final Map<Character, Character> LEET = Map.ofEntries(
            Map.entry('0', 'o'), Map.entry('1', 'i'), Map.entry('3', 'e'), Map.entry('4', 'a'), Map.entry('5', 's'),
            Map.entry('7', 't'), Map.entry('8', 'b'), Map.entry('9', 'g'), Map.entry('@', 'a'), Map.entry('$', 's'),
            Map.entry('!', 'i'), Map.entry('|', 'l'), Map.entry('+', 't'), Map.entry('€', 'e'));

    private TextForms() {
    }

    /** Unicode-folded text: compatibility forms, no invisible characters or accents, look-alikes mapped, lower case. */
    static String fold(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC);
        s = Normalizer.normalize(s, Normalizer.Form.NFD);
        s = INVISIBLE.matcher(s).replaceAll("");
        s = s.toLowerCase(java.util.Locale.ROOT);
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(CONFUSABLES.getOrDefault(c, c));
        }
        return out.toString();
    }

    /** Lower-case words separated by single spaces. */
    static String words(String folded) {
        return NON_WORD.matcher(folded).replaceAll(" ").strip();
    }

    /** Every reading worth checking, by name; the first is the plain folded one. */
    static Map<String, String> readings(String text) {
        Map<String, String> forms = new LinkedHashMap<>();
        String folded = fold(text);
        forms.put("", words(folded));
        String leet = leet(folded);
        forms.put("leetspeak", words(leet));
        forms.put("spaced letters", words(joinSpacedLetters(leet)));
        forms.put("rot13", words(rot13(folded)));
        forms.put("reversed", words(new StringBuilder(folded).reverse().toString()));
        int n = 0;
        for (String decoded : decodings(text)) {
            String f = fold(decoded);
            forms.put("decoded " + (++n), words(f));
            forms.put("decoded leetspeak " + n, words(leet(f)));
        }
        return forms;
    }

    /** The text with every letter, digit-free: all separators and non-letters removed ("i.g.n.o.r.e" -> "ignore"). */
    static String squashed(String folded) {
        return leet(folded).replaceAll("[^\\p{L}]", "");
    }

    static String leet(String folded) {
        StringBuilder out = new StringBuilder(folded.length());
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            out.append(LEET.getOrDefault(c, c));
        }
        return out.toString();
    }

    static String rot13(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z') {
                out.append((char) ('a' + (c - 'a' + 13) % 26));
            } else if (c >= 'A' && c <= 'Z') {
                out.append((char) ('A' + (c - 'A' + 13) % 26));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** "i g n o r e" and "i.g.n.o.r.e" become "ignore"; wider gaps between such runs stay word breaks. */
    static String joinSpacedLetters(String s) {
        Matcher m = SPACED_LETTERS.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String run = m.group();
            // a gap of two or more separators inside a run splits words: "i g n o r e  a l l"
            String joined = String.join(" ", List.of(run.split("[ .\\-_*|/]{2,}")).stream()
                    .map(part -> part.replaceAll("[ .\\-_*|/]", ""))
                    .toList());
            m.appendReplacement(out, Matcher.quoteReplacement(joined));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Texts hidden in encodings inside {@code text}, decoded; only those that decode to readable text. */
    static List<String> decodings(String text) {
        List<String> out = new ArrayList<>();
        Matcher b64 = BASE64_TOKEN.matcher(text);
        while (b64.find() && out.size() < 8) {
            String token = b64.group();
            if (token.chars().allMatch(Character::isLetter) && token.length() < 24) {
                continue; // a long plain word, not an encoding
            }
            decodeBase64(token).ifPresent(out::add);
        }
        Matcher hex = HEX_RUN.matcher(text);
        while (hex.find() && out.size() < 12) {
            String digits = hex.group().replaceAll("(?i)0x|\\\\x|[\\s:,]", "");
            if (digits.length() % 2 == 1) {
                digits = digits.substring(0, digits.length() - 1);
            }
            try {
                readable(HexFormat.of().parseHex(digits)).ifPresent(out::add);
            } catch (IllegalArgumentException notHex) {
                // not hex after all
            }
        }
        if (PERCENT_RUN.matcher(text).find()) {
            try {
                out.add(java.net.URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException malformed) {
                // leave it
            }
        }
        if (ENTITY.matcher(text).find()) {
            out.add(ENTITY.matcher(text).replaceAll(m -> {
                String v = m.group(1);
                int cp = v.startsWith("x") ? Integer.parseInt(v.substring(1), 16) : Integer.parseInt(v);
                return Character.isValidCodePoint(cp) ? Matcher.quoteReplacement(Character.toString(cp)) : " ";
            }));
        }
        if (UNICODE_ESCAPE.matcher(text).find()) {
            out.add(UNICODE_ESCAPE.matcher(text).replaceAll(
                    m -> Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16)))));
        }
        return out;
    }

    private static java.util.Optional<String> decodeBase64(String token) {
        String t = token.replace('-', '+').replace('_', '/');
        t = t.replace("=", "");
        int pad = (4 - t.length() % 4) % 4;
        if (pad == 3) {
            t = t.substring(0, t.length() - 1);
            pad = 0;
        }
        try {
            return readable(Base64.getDecoder().decode(t + "=".repeat(pad)));
        } catch (IllegalArgumentException notBase64) {
            return java.util.Optional.empty();
        }
    }

    /** The bytes as text when they are valid UTF-8 and nearly all printable with some letters. */
    private static java.util.Optional<String> readable(byte[] bytes) {
        if (bytes.length < 6) {
            return java.util.Optional.empty();
        }
        String s;
        try {
            s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return java.util.Optional.empty();
        }
        long printable = s.codePoints().filter(cp -> !Character.isISOControl(cp) || cp == '\n' || cp == '\t').count();
        long letters = s.codePoints().filter(Character::isLetter).count();
        boolean ok = printable >= 0.9 * s.length() && letters >= 0.5 * s.length();
        return ok ? java.util.Optional.of(s) : java.util.Optional.empty();
    }

    private static Map<Character, Character> confusables() {
        Map<Character, Character> m = new java.util.HashMap<>();
        // Cyrillic, Greek, Armenian and other letters that look like Latin ones (lower case, after folding)
        String from = "авекмнорсухіјѕԁһԛԝɡɩɪʏᴀʙᴄᴅᴇɢʜᴊᴋʟᴍɴᴏᴘʀꜱᴛᴜᴠᴡᴢαβεηικνορτυχγωςϲյոօսհı";
        String to = "abekmhopcyxijsdhqwgiiyabcdeghjklmnoprstuvwzabenikvoptuxywscjnouhi";
        for (int i = 0; i < from.length(); i++) {
            m.put(from.charAt(i), to.charAt(i));
        }
        return Map.copyOf(m);
    }
}
