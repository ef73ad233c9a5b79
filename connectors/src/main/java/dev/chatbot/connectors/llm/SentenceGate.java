package dev.chatbot.connectors.llm;

import dev.chatbot.core.dialogue.PartialSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sits between the model's token stream and the customer: tokens are buffered until a sentence is complete, the
 * sentence is made plain text and checked by the {@link AnswerGuard}, and only then released to the
 * {@link PartialSink}. The first sentence that fails stops the stream for good, so a forbidden promise or a leaked
 * prompt never reaches the customer, not even for a moment. Thread-safe: tokens arrive on the HTTP client's thread
 * while the caller may close the gate on a time-out.
 */
final class SentenceGate {

    private static final Logger LOG = LoggerFactory.getLogger(SentenceGate.class);
    /** Markup that is still open at the end of the buffer: a sentence may not be cut inside it. */
    private static final Pattern OPEN_MARKUP = Pattern.compile(
            "<!--(?![\\s\\S]*?-->)|<[^>]*$|\\[[^\\]]*$|\\[[^\\[\\]]*\\]\\([^)]*$");

    private final AnswerGuard guard;
    private final PartialSink sink;
    private final StringBuilder pending = new StringBuilder();
    private final StringBuilder released = new StringBuilder();
    private final int maxChars;
    private GuardVerdict verdict = GuardVerdict.OK;
    private boolean closed;
    private boolean full;

    /** @param maxChars longest answer accepted; a model that runs on past it is cut off there */
    SentenceGate(AnswerGuard guard, PartialSink sink, int maxChars) {
        this.guard = guard;
        this.sink = sink;
        this.maxChars = maxChars;
    }

    /** Takes more generated text; returns false once the answer has been rejected or the gate closed. */
    synchronized boolean accept(String token) {
        if (closed || !verdict.allowed()) {
            return false;
        }
        if (token == null || token.isEmpty()) {
            return !full;
        }
        if (full || pending.length() + released.length() + token.length() > maxChars) {
            full = true;
            return false;
        }
        pending.append(token);
        int safeEnd = pending.length();
        Matcher open = OPEN_MARKUP.matcher(pending);
        if (open.find()) {
            safeEnd = open.start();
        }
        int boundary = Sentences.lastBoundary(pending.substring(0, safeEnd));
        if (boundary > 0) {
            String complete = pending.substring(0, boundary);
            pending.delete(0, boundary);
            release(complete);
        }
        return verdict.allowed();
    }

    /**
     * The model is done: checks and releases what is left.
     *
     * @param cutOff the model stopped at its token limit, so a trailing half sentence is dropped
     */
    synchronized GuardVerdict finish(boolean cutOff) {
        if (!closed && verdict.allowed()) {
            String rest = pending.toString();
            pending.setLength(0);
            if (cutOff) {
                int boundary = Sentences.lastBoundary(rest + " ");
                rest = rest.substring(0, boundary);
            }
            release(rest);
        }
        closed = true;
        return verdict;
    }

    /** No more text will be released (time-out or rejection). */
    synchronized void close() {
        closed = true;
    }

    /** Whether the model wrote more than the gate accepts (the answer is then treated as cut off). */
    synchronized boolean isFull() {
        return full;
    }

    synchronized GuardVerdict verdict() {
        return verdict;
    }

    /** Everything released to the customer, which is the answer. */
    synchronized String answer() {
        return released.toString().strip();
    }

    private void release(String text) {
        try {
            releaseChecked(text);
        } catch (StackOverflowError e) {
            verdict = new GuardVerdict(GuardVerdict.Problem.UNGROUNDED_DATA, "text too convoluted to check");
        }
    }

    private void releaseChecked(String text) {
        for (String sentence : Sentences.split(PlainText.of(text))) {
            GuardVerdict v = guard.checkSentence(sentence, released.toString().strip());
            if (!v.allowed()) {
                verdict = v;
                return;
            }
            String delta = released.isEmpty() ? sentence : " " + sentence;
            released.append(delta);
            try {
                sink.delta(delta);
            } catch (RuntimeException e) {
                LOG.warn("partial sink failed; the final answer is still delivered", e);
            }
        }
    }
}
