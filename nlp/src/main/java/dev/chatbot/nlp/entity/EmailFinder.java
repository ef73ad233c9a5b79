package dev.chatbot.nlp.entity;

import dev.chatbot.nlp.EntityMention;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Built-in finder of e-mail addresses (type {@code email}); the value is the address in lower case. */
public final class EmailFinder implements EntityFinder {

    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\w.+-])[\\w.%+-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\\.[A-Za-z]{2,24}(?![\\w-])",
            Pattern.UNICODE_CHARACTER_CLASS);

    @Override
    public List<EntityMention> find(String text) {
        List<EntityMention> out = new ArrayList<>();
        Matcher m = EMAIL.matcher(text);
        while (m.find()) {
            String s = m.group();
            if (s.startsWith(".") || s.contains("..")) {
                continue;
            }
            out.add(new EntityMention("email", s, m.start(), m.end(), s.toLowerCase(Locale.ROOT), "rule", 1.0));
        }
        return out;
    }
}
