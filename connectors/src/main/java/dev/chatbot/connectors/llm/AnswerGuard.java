package dev.chatbot.connectors.llm;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks what the model wrote before a customer sees it. It rejects answers that reveal the system prompt (its canary
 * string, long verbatim stretches of the rules, or talk about "my instructions"), promise refunds, discounts,
 * vouchers, compensation or free items the FAQ passages do not promise, state order ids, tracking numbers, prices,
 * dates, durations or links that are not in the passages, or say the model is not sure. Made for one prompt: it knows
 * that prompt's canary, rules and passages. Works on single sentences while streaming and on the whole answer.
 */
public final class AnswerGuard {

    /** What the model is told to answer when the passages do not cover the question. */
    public static final String NOT_SURE_MARKER = "NOT_SURE";

    private static final int OVERLAP_WORDS = 8;
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    private static final Pattern NOT_SURE = Pattern.compile("(?i)\\bnot[ _]sure\\b|\\bi (?:do not|don't|dont) know\\b|"
            + "\\bi(?: am|'m) (?:not (?:certain|able to (?:answer|help|say|find))|unable to (?:answer|help|say|find)|"
            + "afraid i (?:can(?:no|')t|don't|do not))|\\bi (?:can(?:no|')t|could not|couldn't) (?:answer|help with|"
            + "find|say|tell)\\b|\\b(?:the |these |those )?(?:passages|faq(?: entries| passages)?|information (?:i have|"
            + "provided|given|available)) (?:do(?:es)? not|don't|doesn't) (?:cover|answer|mention|say|include|contain|"
            + "provide)|\\bno information (?:about|on|regarding)\\b|\\bi (?:do not|don't) have (?:that|this|enough|"
            + "any|the) (?:information|details|data)\\b|\\bbeyond (?:my|what i) \\w+\\b");
    private static final Pattern TALKS_ABOUT_PROMPT = Pattern.compile("(?i)\\bsystem (?:prompt|message)\\b|"
            + "\\bmy (?:instructions|programming|system prompt|guidelines|rules) (?:say|are|tell|state|include|forbid)|"
            + "\\bi (?:was|am|have been) (?:instructed|told|programmed|configured) to\\b|\\bhere (?:is|are) my "
            + "(?:instructions|rules|prompt)\\b|\\bcanary\\b");
    private static final Pattern BENEFIT = Pattern.compile("(?i)\\b(?:refund(?:s|ed|ing)?|reimburs\\w*|money back|"
            + "discount\\w*|vouchers?|coupons?|promo(?:tion(?:al)?)? codes?|gift (?:card|certificate)s?|store credit|"
            + "credit (?:note|to your account)|compensat\\w*|goodwill|free(?: of charge)?|waive\\w*|\\d+ ?% off|"
            + "percent off|on the house|on us|price match\\w*|cashback|partial refund)\\b|\\d+ ?%");
    private static final Pattern COMMITMENT = Pattern.compile("(?i)\\b(?:i|we)(?: will|'ll| can| could| shall| am going"
            + " to| are going to| have| 've| would|'d| am happy to| are happy to| am able to| are able to)\\b|\\byou(?:"
            + " will|'ll| are going to| can| could)? (?:get|receive|be (?:given|refunded|credited|compensated|sent)|"
            + "qualify|have)\\b|\\byou(?: are|'re) (?:entitled|eligible|getting|owed)\\b|\\bhere(?: is|'s) (?:a|an|"
            + "your)\\b|\\b(?:use|apply|enter) (?:the )?code\\b|\\bas a (?:goodwill|gesture|thank)|\\bi(?:'ve| have) "
            + "(?:issued|applied|added|credited|refunded|approved|arranged|processed|sent)\\b|\\b(?:is|has been|"
            + "will be) (?:approved|issued|credited|refunded|waived)\\b|\\bguarantee\\b|\\bpromise\\b|\\bfor free\\b|"
            + "\\bfree of charge\\b|\\bon the house\\b|\\bon us\\b|\\bcode [A-Z0-9]{4,}\\b");

    /** Order-id shape of the default bot: six letters and digits with at least one of each. */
    private static final Pattern ORDER_ID = Pattern.compile(
            "(?i)(?<![a-z0-9])#?(?=[a-z]*[0-9])(?=[0-9]*[a-z])[a-z0-9]{6}(?![a-z0-9])");
    /** Tracking numbers, codes and long ids: 8 or more letters and digits with at least 4 digits, or 9+ digits. */
    private static final Pattern LONG_CODE = Pattern.compile(
            "(?<![\\p{L}\\p{N}])(?=(?:[A-Za-z]*[0-9]){4})[A-Za-z0-9\\-]{8,}(?![\\p{L}\\p{N}])|\\b\\d{9,}\\b");
    private static final Pattern PRICE = Pattern.compile("(?i)[$€£¥]\\s?\\d[\\d.,]*|\\b\\d[\\d.,]*\\s?(?:usd|eur|gbp|"
            + "chf|dollars?|euros?|pounds?|bucks|cents?)\\b|\\b(?:usd|eur|gbp|chf)\\s?\\d[\\d.,]*");
    private static final Pattern DATE = Pattern.compile("(?i)\\b\\d{4}-\\d{1,2}-\\d{1,2}\\b|\\b\\d{1,2}[/.]\\d{1,2}[/.]"
            + "\\d{2,4}\\b|\\b\\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)"
            + "[a-z]*\\b|\\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]* \\d{1,2}(?:st|nd|rd|th)?\\b");
    private static final Pattern DURATION = Pattern.compile("(?i)\\b(\\d+)(?:\\s?(?:-|to|–)\\s?(\\d+))?\\s?(?:business"
            + " |working |calendar )?(?:minutes?|hours?|days?|weeks?|months?|years?)\\b");
    private static final Pattern PERCENT = Pattern.compile("\\b\\d+(?:[.,]\\d+)?\\s?%");
    private static final Pattern LINK = Pattern.compile("(?i)\\b(?:https?://|www\\.)[^\\s)\\]]+|\\b[a-z0-9-]+"
            + "(?:\\.[a-z0-9-]+)*\\.(?:com|net|org|io|shop|store|co|info|biz|xyz|ru|cn|tk|top|link|click)\\b(?:/\\S*)?");

    private final String canary;
    private final Set<String> ruleShingles;
    private final String grounding;
    private final String groundingLower;
    private final List<String> groundingSentences;

    /**
     * @param canary    a random string planted in the system prompt, never to be repeated
     * @param rules     the system prompt's own text (not the passages)
     * @param grounding everything the answer may take facts from: the passages as the model saw them
     */
    public AnswerGuard(String canary, String rules, String grounding) {
        this.canary = squash(canary);
        this.ruleShingles = shingles(rules);
        this.grounding = grounding;
        this.groundingLower = grounding.toLowerCase(Locale.ROOT);
        this.groundingSentences = List.of(grounding.split("(?<=[.!?])\\s+|\\n+"));
    }

    /**
     * Checks one more sentence of a streamed answer.
     *
     * @param sentence  the new sentence, already plain text
     * @param soFar     everything already accepted before it, so checks that span sentences still see it whole
     */
    public GuardVerdict checkSentence(String sentence, String soFar) {
        try {
            return check(sentence, soFar);
        } catch (StackOverflowError e) {
            return new GuardVerdict(GuardVerdict.Problem.UNGROUNDED_DATA, "text too convoluted to check");
        }
    }

    private GuardVerdict check(String sentence, String soFar) {
        String joined = soFar.isEmpty() ? sentence : soFar + " " + sentence;
        if (!canary.isEmpty() && squash(joined).contains(canary)) {
            return new GuardVerdict(GuardVerdict.Problem.PROMPT_LEAK, "canary");
        }
        String overlap = ruleOverlap(joined);
        if (overlap != null) {
            return new GuardVerdict(GuardVerdict.Problem.PROMPT_LEAK, "verbatim rules: " + overlap);
        }
        Matcher talks = TALKS_ABOUT_PROMPT.matcher(sentence);
        if (talks.find()) {
            return new GuardVerdict(GuardVerdict.Problem.PROMPT_LEAK, talks.group());
        }
        if (sentence.contains(NOT_SURE_MARKER)) {
            return new GuardVerdict(GuardVerdict.Problem.NOT_SURE, NOT_SURE_MARKER);
        }
        Matcher notSure = NOT_SURE.matcher(sentence);
        if (notSure.find()) {
            return new GuardVerdict(GuardVerdict.Problem.NOT_SURE, notSure.group());
        }
        GuardVerdict promise = promise(sentence);
        if (!promise.allowed()) {
            return promise;
        }
        return ungroundedData(sentence);
    }

    /** Checks a whole answer, sentence by sentence and as a whole. */
    public GuardVerdict checkAnswer(String answer) {
        StringBuilder soFar = new StringBuilder();
        for (String sentence : Sentences.split(answer)) {
            GuardVerdict v = checkSentence(sentence, soFar.toString());
            if (!v.allowed()) {
                return v;
            }
            soFar.append(soFar.isEmpty() ? "" : " ").append(sentence);
        }
        return GuardVerdict.OK;
    }

    private GuardVerdict promise(String sentence) {
        Matcher benefit = BENEFIT.matcher(sentence);
        if (!benefit.find()) {
            return GuardVerdict.OK;
        }
        Matcher commitment = COMMITMENT.matcher(sentence);
        if (!commitment.find()) {
            return GuardVerdict.OK; // a statement about policy, not a promise to this customer
        }
        if (supportedByGrounding(sentence)) {
            return GuardVerdict.OK; // the FAQ itself says so
        }
        return new GuardVerdict(GuardVerdict.Problem.PROMISE, benefit.group() + " / " + commitment.group());
    }

    private GuardVerdict ungroundedData(String sentence) {
        for (Pattern p : List.of(LINK, LONG_CODE, ORDER_ID, PRICE, DATE, PERCENT)) {
            boolean exact = p == LINK || p == LONG_CODE || p == ORDER_ID;
            Matcher m = p.matcher(sentence);
            while (m.find()) {
                if (!inGrounding(m.group(), exact)) {
                    return new GuardVerdict(GuardVerdict.Problem.UNGROUNDED_DATA, m.group().strip());
                }
            }
        }
        Matcher d = DURATION.matcher(sentence);
        while (d.find()) {
            boolean known = containsNumber(d.group(1)) && (d.group(2) == null || containsNumber(d.group(2)));
            if (!known) {
                return new GuardVerdict(GuardVerdict.Problem.UNGROUNDED_DATA, d.group());
            }
        }
        return GuardVerdict.OK;
    }

    /**
     * Whether a value the answer states comes from the passages: links, codes and ids exactly as written; prices,
     * dates and percentages when every number in them is in the passages ("$25.00" vs "25 dollars" is fine).
     */
    private boolean inGrounding(String value, boolean exact) {
        String v = value.strip().replaceFirst("^#", "");
        if (groundingLower.contains(v.toLowerCase(Locale.ROOT))) {
            return true;
        }
        if (exact) {
            return false;
        }
        Matcher numbers = NUMBER.matcher(v);
        boolean any = false;
        while (numbers.find()) {
            any = true;
            if (!containsNumber(numbers.group())) {
                return false;
            }
        }
        return any;
    }

    private boolean containsNumber(String number) {
        return Pattern.compile("(?<!\\d)" + Pattern.quote(number) + "(?!\\d)").matcher(grounding).find();
    }

    /** Whether one passage sentence contains nearly all content words of {@code sentence}. */
    private boolean supportedByGrounding(String sentence) {
        Set<String> words = contentWords(sentence);
        if (words.isEmpty()) {
            return false;
        }
        for (String g : groundingSentences) {
            Set<String> gw = contentWords(g);
            long shared = words.stream().filter(gw::contains).count();
            if (shared >= Math.ceil(0.75 * words.size())) {
                return true;
            }
        }
        return false;
    }

    private String ruleOverlap(String text) {
        List<String> words = wordList(text);
        for (int i = 0; i + OVERLAP_WORDS <= words.size(); i++) {
            String shingle = String.join(" ", words.subList(i, i + OVERLAP_WORDS));
            if (ruleShingles.contains(shingle)) {
                return shingle;
            }
        }
        return null;
    }

    private static Set<String> shingles(String text) {
        List<String> words = wordList(text);
        Set<String> out = new HashSet<>();
        for (int i = 0; i + OVERLAP_WORDS <= words.size(); i++) {
            out.add(String.join(" ", words.subList(i, i + OVERLAP_WORDS)));
        }
        return out;
    }

    private static List<String> wordList(String text) {
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static final Set<String> STOP = Set.of("a", "an", "the", "and", "or", "to", "of", "in", "on", "for", "is",
            "are", "be", "it", "you", "your", "we", "our", "i", "can", "will", "with", "at", "by", "this", "that",
            "if", "as", "from", "us", "my", "me", "do", "so", "then", "any", "all", "get", "ll", "s", "re", "have",
            "has", "was", "were", "not", "no");

    private static Set<String> contentWords(String text) {
        Set<String> out = new HashSet<>();
        for (String w : wordList(text)) {
            if (!STOP.contains(w)) {
                out.add(w.length() > 4 && w.endsWith("s") ? w.substring(0, w.length() - 1) : w);
            }
        }
        return out;
    }

    private static String squash(String s) {
        return s.replaceAll("[^\\p{L}\\p{N}]", "").toLowerCase(Locale.ROOT);
    }
}
