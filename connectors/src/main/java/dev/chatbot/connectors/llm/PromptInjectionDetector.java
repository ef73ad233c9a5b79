package dev.chatbot.connectors.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flags customer messages that try to subvert the assistant: telling it to ignore its instructions, asking for its
 * system prompt, giving it a new role or a "developer mode", faking system or assistant lines, hiding instructions in
 * HTML or markdown comments, and the same written in look-alike letters, leetspeak, spaced letters, rot13, reversed,
 * base64, hex or other escapes. A question and the last customer turns are also checked together, so an attack split
 * over several messages is caught. The rules are deliberately specific: ordinary customer questions about rules,
 * instructions or policies ("what are your rules for returns?") must pass.
 */
public final class PromptInjectionDetector {

    private record Rule(String name, Pattern pattern) {
    }

    private static final String OBJECTS = "(?:instructions?|rules|prompts?|directives?|guidelines|guardrails|constraints|"
            + "programming|restrictions|system (?:message|prompt)|safety (?:rules|guidelines|filters?))";
    private static final String FILLER = "(?:\\s+(?:all|any|of|the|your|my|these|those|previous|prior|above|earlier|"
            + "preceding|initial|original|existing|current|old|system|safety|given|said|every|other|and|that|you|were|"
            + "have|been|whatever|them|its|it s))*";
    private static final String NOT_AN_ADJECTIVE = "(?!\\s+(?:reply|replies|response|responses|delivery|service|answer|"
            + "answers|shipping|refund|attention|help|action|payment|dispatch|support|handling))";

    /** Word patterns, checked on every reading of the text (see {@link TextForms}). */
    private static final List<Rule> WORD_RULES = List.of(
            rule("ignore instructions", "\\b(?:ignore|disregard|forget|override|bypass|overrule|abandon|discard|"
                    + "neglect|stop following|do not follow|dont follow|no longer follow|deactivate)" + FILLER + "\\s+"
                    + OBJECTS + "\\b"),
            rule("ask for the system prompt", "\\b(?:system|initial|hidden|secret|original|internal|developer|pre|"
                    + "meta)\\s+prompts?\\b|\\byour\\s+prompt\\b" + NOT_AN_ADJECTIVE + "|\\bsystem instructions?\\b|"
                    + "\\b(?:your|the) system message\\b|\\bdeveloper (?:message|instructions?)\\b"),
            rule("ask for the instructions", "\\b(?:print|reveal|show|repeat|output|display|tell|give|share|leak|dump|"
                    + "write|spell|recite|list|echo|copy|paste|translate|summari[sz]e|what|whats|quote|expose|send|"
                    + "disclose|read)\\b(?:\\s+\\w+){0,4}?\\s+(?:your (?:instructions|directives|programming|"
                    + "configuration|config|guidelines|rules) (?:verbatim|word for word|exactly|above|in full)|your "
                    + "(?:initial|original|hidden|secret|exact|internal|first) (?:instructions|rules|directives|"
                    + "guidelines)|(?:the )?(?:text|words|instructions|lines|messages?) (?:above|before this|before my "
                    + "message)|everything (?:above|before this|before my message)|how you were (?:instructed|"
                    + "programmed|configured|prompted))\\b"),
            rule("reveal instructions", "\\b(?:print|reveal|output|dump|leak|recite|spell out|disclose|expose)\\s+"
                    + "(?:all\\s+)?(?:of\\s+)?your\\s+(?:\\w+\\s+)?(?:instructions|rules|directives|guidelines|"
                    + "programming|configuration)\\b"),
            rule("new role", "\\byou (?:are|re) now (?:an?|the|my|in|dan|free|unrestricted|unfiltered|uncensored|acting|"
                    + "playing|called|named|operating|working for|no longer|\\w+gpt)\\b|\\byou (?:are|re) no longer "
                    + "(?:an?|the|bound|restricted|limited|required|customer service)\\b|\\bfrom now on,? (?:you|your|"
                    + "act|behave|respond|answer|pretend|only)\\b|\\b(?:act|behave|respond|answer|speak|reply|"
                    + "function|operate)\\s+(?:as|like)\\s+(?:an?\\s+|the\\s+|my\\s+)?(?:unrestricted|unfiltered|"
                    + "uncensored|jailbroken|evil|different|new|dan|system|developer|admin|administrator|root|store "
                    + "owner|owner|ceo|gpt|llm|ai without)\\b|\\bpretend\\s+(?:to be|you are|you re|that you|youre)\\b|"
                    + "\\brole ?play(?:ing)?\\b|\\bimagine (?:you are|you re|that you are|being) (?:an?|the|my|in)\\b|"
                    + "\\byour new (?:role|task|instructions|persona|name|job|purpose|goal|identity)\\b|"
                    + "\\bswitch (?:to|into)(?:\\s+\\w+){0,3} mode\\b|\\bstay in character\\b|"
                    + "\\bsimulate (?:an?|the) (?:unrestricted|unfiltered|ai|assistant|system)\\b"),
            rule("special mode", "\\b(?:developer|dev|dan|god|sudo|admin|administrator|debug|jailbreak|jailbroken|"
                    + "unrestricted|unfiltered|uncensored|evil|root|superuser)\\s+mode\\b|\\bdo anything now\\b|"
                    + "\\bjail ?break(?:s|ing|en)?\\b|\\b(?:you are|you re|as|act as) dan\\b|\\bdan (?:prompt|"
                    + "jailbreak)\\b"),
            rule("new instructions", "\\b(?:here are|these are|follow|follow these|obey|your|the following|receive) "
                    + "(?:your )?(?:new|updated|revised|secret|hidden|real|overriding|priority) (?:system )?"
                    + "(?:instructions|directives|guidelines|rules)\\b|\\bthe (?:rules|instructions|policies) "
                    + "(?:have|has) (?:changed|been updated|been lifted)\\b|\\b(?:admin|administrator|system|developer|"
                    + "operator|root) (?:override|command|directive)s?\\b|\\b(?:openai|anthropic|ollama) (?:override|"
                    + "command|instruction|message|note|update|directive)s?\\b|\\bno (?:longer )?(?:bound|restricted|"
                    + "limited) by\\b|\\bwithout (?:any )?(?:restrictions|rules|filters|guardrails|censorship)\\b|"
                    + "\\byou (?:are|re) (?:now )?(?:authori[sz]ed|allowed|permitted|instructed) to\\b|\\byou (?:must|"
                    + "have to|need to|will) (?:now )?(?:obey|comply)\\b"),
            rule("steer the output", "\\b(?:begin|start|end|prefix|finish) (?:your|each|every|all) (?:answer|reply|"
                    + "response|message|sentence)s? with\\b|\\brespond only with\\b|\\brepeat after me\\b|\\bsay "
                    + "exactly\\b|\\b(?:output|print|write) (?:only )?the (?:word|phrase|string|text)\\b|"
                    + "\\bin your (?:next|following) (?:answer|reply|response),? (?:say|write|include|tell)\\b"),
            rule("decode and obey", "\\b(?:decode|decipher|unscramble|rot13|rot 13|base64|base 64|hex)\\b(?:\\s+\\w+)"
                    + "{0,8}?\\s+(?:and|then)\\s+(?:\\w+\\s+){0,3}(?:follow|obey|execute|do|run|apply|comply|act on|"
                    + "carry out)\\b"));

    /** Checked on the text with everything but letters removed, for attacks spelled apart or padded. */
    private static final Pattern SQUASHED = Pattern.compile(
            "(?:ignore|disregard|forget|override|bypass)(?:all|any|the|your|my|previous|prior|above|earlier|these|"
                    + "those|of|initial|original|system)+(?:instructions?|rules|prompts?|directives|guidelines)"
                    + "|(?:reveal|print|show|repeat|output|dump|leak)(?:me)?(?:your|the)(?:system|initial|hidden|secret|"
                    + "original)(?:prompt|instructions)|(?:reveal|print|repeat|output|dump|leak)(?:me)?yourprompt"
                    + "|systemprompt|developermode|danmode|doanythingnow|jailbreak"
                    + "|youarenowa(?:n)?(?:unrestricted|unfiltered|different|new|evil|dan|admin|developer|system)");

    /** Structural tricks, checked on the folded text with its punctuation and lines. */
    private static final List<Rule> SHAPE_RULES = List.of(
            rule("fake role line", "(?m)^[\\s>*#_`\"'\\-\\[(<{|]*(?:system|assistant|developer|admin|administrator|"
                    + "operator|ai|bot|sys|root)\\s*(?:message|prompt|note|override)?\\s*[\\])}>|]*\\s*[:\uff1a]|"
                    + "\\b(?:new|updated|revised|secret|hidden|real|true) (?:instructions|rules|system prompt|prompt)\\s*"
                    + "[:\uff1a]"),
            rule("fake role tag", "<\\|?\\s*(?:im_start|im_end|system|endoftext|start_header_id|eot_id)\\s*\\|?>|"
                    + "<<\\s*sys\\s*>>|\\[/?\\s*inst\\s*\\]|\\[/?\\s*(?:system|sys|admin|developer)\\s*(?:note|"
                    + "message)?\\s*\\]|</?\\s*(?:system|instructions?|admin|developer|prompt)\\s*>|###\\s*(?:system|"
                    + "instruction|instructions|new instructions|response)\\b|\\{\\s*\"role\"\\s*:\\s*\"(?:system|"
                    + "assistant|developer)\""),
            rule("hidden comment", "<!--[\\s\\S]*?\\p{L}{2,}[\\s\\S]*?(?:-->|$)|\\[(?://|comment|hidden)\\]\\s*:"
                    + "\\s*(?:#|<>)|display\\s*:\\s*none|font-size\\s*:\\s*0(?![.0-9])|visibility\\s*:\\s*hidden"));

    /** Longest stretch of text one regular-expression pass sees. */
    private static final int WINDOW = 600;
    /** Overlap of consecutive windows; longer than any phrase a rule looks for. */
    private static final int OVERLAP = 200;

    /** How much of each turn's end (and the new message's start) is joined with its neighbours. */
    private static final int JOIN_EDGE = 200;

    private final int maxJoinedTurns;

    public PromptInjectionDetector() {
        this(3);
    }

    /** @param maxJoinedTurns how many earlier customer turns are checked together with the new message */
    public PromptInjectionDetector(int maxJoinedTurns) {
        this.maxJoinedTurns = maxJoinedTurns;
    }

    /**
     * Checks one text on its own. Long texts are checked in overlapping windows: every rule matches phrases far
     * shorter than the overlap, and the regular expressions never see input long enough to exhaust the stack.
     */
    public InjectionVerdict inspect(String text) {
        if (text == null || text.isBlank()) {
            return InjectionVerdict.CLEAN;
        }
        try {
            if (text.length() <= WINDOW) {
                return inspectWindow(text);
            }
            for (int start = 0; start < text.length(); start += WINDOW - OVERLAP) {
                InjectionVerdict v = inspectWindow(text.substring(start, Math.min(text.length(), start + WINDOW)));
                if (v.flagged()) {
                    return v;
                }
                if (start + WINDOW >= text.length()) {
                    break;
                }
            }
            return InjectionVerdict.CLEAN;
        } catch (StackOverflowError e) {
            // a text built to defeat the checks is refused rather than let through
            return InjectionVerdict.flagged("text too convoluted to check", "");
        }
    }

    private InjectionVerdict inspectWindow(String text) {
        String folded = TextForms.fold(text);
        for (Rule rule : SHAPE_RULES) {
            if (rule.pattern().matcher(folded).find() || rule.pattern().matcher(text).find()) {
                return InjectionVerdict.flagged(rule.name(), "");
            }
        }
        for (Map.Entry<String, String> form : TextForms.readings(text).entrySet()) {
            for (Rule rule : WORD_RULES) {
                if (rule.pattern().matcher(form.getValue()).find()) {
                    return InjectionVerdict.flagged(rule.name(), form.getKey());
                }
            }
        }
        Matcher squashed = SQUASHED.matcher(TextForms.squashed(folded));
        if (squashed.find()) {
            return InjectionVerdict.flagged("obfuscated instruction", "letters only");
        }
        return InjectionVerdict.CLEAN;
    }

    /**
     * Checks a new customer message together with the customer's earlier turns (oldest first): the message alone,
     * then joined with the last turns, so "ignore your" + "previous instructions" sent apart is caught too.
     */
    public InjectionVerdict inspect(String message, List<String> earlierCustomerTurns) {
        InjectionVerdict alone = inspect(message);
        if (alone.flagged()) {
            return alone;
        }
        // each text alone was checked in full; joined, only where one turn meets the next can a split phrase hide
        String head = message.length() <= JOIN_EDGE ? message : message.substring(0, JOIN_EDGE);
        List<String> recent = new ArrayList<>();
        for (int i = earlierCustomerTurns.size() - 1; i >= 0 && recent.size() < maxJoinedTurns; i--) {
            String turn = earlierCustomerTurns.get(i);
            recent.addFirst(turn.length() <= JOIN_EDGE ? turn : turn.substring(turn.length() - JOIN_EDGE));
            String joined = String.join(" ", recent) + " " + head;
            InjectionVerdict together = inspect(joined);
            if (together.flagged()) {
                return new InjectionVerdict(true, together.reason() + " across " + (recent.size() + 1) + " turns");
            }
        }
        return InjectionVerdict.CLEAN;
    }

    private static Rule rule(String name, String regex) {
        return new Rule(name, Pattern.compile(regex));
    }
}
