package dev.chatbot.nlp.entity;

import dev.chatbot.nlp.EntityMention;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Built-in finder of money amounts with a currency (type {@code amount}): {@code $25}, {@code 25 dollars},
 * {@code EUR 12,50}, {@code £30.5}, {@code 12.50 euros}, {@code 1,299.99 USD}. The value is the amount with
 * two decimals and the ISO 4217 code: {@code 25.00 USD}. A number without a currency is not an amount.
 * A comma followed by exactly three digits groups thousands; otherwise a comma or dot is the decimal mark.
 */
public final class AmountFinder implements EntityFinder {

    private static final Map<String, String> CURRENCIES = Map.ofEntries(
            Map.entry("$", "USD"), Map.entry("us$", "USD"), Map.entry("€", "EUR"), Map.entry("£", "GBP"),
            Map.entry("¥", "JPY"), Map.entry("usd", "USD"), Map.entry("eur", "EUR"), Map.entry("gbp", "GBP"),
            Map.entry("chf", "CHF"), Map.entry("cad", "CAD"), Map.entry("aud", "AUD"), Map.entry("jpy", "JPY"),
            Map.entry("sek", "SEK"), Map.entry("nok", "NOK"), Map.entry("dkk", "DKK"), Map.entry("pln", "PLN"),
            Map.entry("inr", "INR"), Map.entry("cny", "CNY"), Map.entry("nzd", "NZD"),
            Map.entry("dollar", "USD"), Map.entry("dollars", "USD"), Map.entry("bucks", "USD"), Map.entry("buck", "USD"),
            Map.entry("euro", "EUR"), Map.entry("euros", "EUR"), Map.entry("pound", "GBP"), Map.entry("pounds", "GBP"),
            Map.entry("quid", "GBP"), Map.entry("franc", "CHF"), Map.entry("francs", "CHF"), Map.entry("yen", "JPY"));

    private static final String NUM = "\\d{1,3}(?:,\\d{3})+(?:\\.\\d{1,2})?|\\d{1,3}(?:\\.\\d{3})+,\\d{1,2}|\\d+(?:[.,]\\d{1,2})?";
    private static final String SYMBOL = "us\\$|[$€£¥]";
    private static final String CODE = "usd|eur|gbp|chf|cad|aud|jpy|sek|nok|dkk|pln|inr|cny|nzd";
    private static final String WORD = "dollars?|bucks?|euros?|pounds?|quid|francs?|yen";

    private static final Pattern BEFORE = Pattern.compile(
            "(?<![\\w.,])(?:(" + SYMBOL + ")\\s?|(" + CODE + ")\\s?)(" + NUM + ")(?![\\w]|[.,]\\d)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern AFTER = Pattern.compile(
            "(?<![\\w.,])(" + NUM + ")\\s?(?:(" + SYMBOL + ")|(" + CODE + "|" + WORD + ")(?!\\w))",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    @Override
    public List<EntityMention> find(String text) {
        List<EntityMention> out = new ArrayList<>();
        Matcher m = BEFORE.matcher(text);
        while (m.find()) {
            String cur = m.group(1) != null ? m.group(1) : m.group(2);
            add(out, text, m.start(), m.end(), m.group(3), cur);
        }
        m = AFTER.matcher(text);
        while (m.find()) {
            String cur = m.group(2) != null ? m.group(2) : m.group(3);
            add(out, text, m.start(), m.end(), m.group(1), cur);
        }
        return out;
    }

    private static void add(List<EntityMention> out, String text, int start, int end, String number, String currency) {
        String code = CURRENCIES.get(currency.toLowerCase(Locale.ROOT));
        BigDecimal value = parse(number);
        if (code == null || value == null) {
            return;
        }
        String normalised = value.setScale(2, RoundingMode.HALF_UP).toPlainString() + " " + code;
        out.add(new EntityMention("amount", text.substring(start, end), start, end, normalised, "rule", 1.0));
    }

    /** Parses {@code 1,234.56}, {@code 1.234,56}, {@code 12,50}, {@code 30.5}; null when it is not a number. */
    static BigDecimal parse(String number) {
        String n = number;
        int comma = n.lastIndexOf(',');
        int dot = n.lastIndexOf('.');
        if (comma >= 0 && dot >= 0) {
            n = comma > dot ? n.replace(".", "").replace(',', '.') : n.replace(",", "");
        } else if (comma >= 0) {
            boolean thousands = n.length() - comma - 1 == 3;
            n = thousands ? n.replace(",", "") : n.replace(',', '.');
        }
        try {
            return new BigDecimal(n);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
