package dev.chatbot.connectors.llm;

import dev.chatbot.connectors.llm.LlmTestKit.RecordingSink;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LlmSentenceGateTest {

    private final AnswerGuard guard = new AnswerGuard("CANARY-1", "rules text",
            "Standard delivery takes 3-5 business days.");

    @Test
    void releases_a_sentence_only_when_it_is_complete_and_checked() {
        RecordingSink sink = new RecordingSink();
        SentenceGate gate = new SentenceGate(guard, sink, 2000);
        for (String token : new String[]{"Standard", " delivery", " takes", " 3-5", " business", " days"}) {
            gate.accept(token);
        }
        assertThat(sink.deltas).isEmpty();
        gate.accept(". Thanks");
        assertThat(sink.texts()).containsExactly("Standard delivery takes 3-5 business days.");
        gate.finish(false);
        assertThat(sink.texts()).containsExactly("Standard delivery takes 3-5 business days.", " Thanks");
        assertThat(gate.answer()).isEqualTo("Standard delivery takes 3-5 business days. Thanks");
    }

    @Test
    void stops_for_good_at_the_first_rejected_sentence() {
        RecordingSink sink = new RecordingSink();
        SentenceGate gate = new SentenceGate(guard, sink, 2000);
        assertThat(gate.accept("Standard delivery takes 3-5 business days. ")).isTrue();
        assertThat(gate.accept("I will refund you 20 EUR. ")).isFalse();
        assertThat(gate.accept("Have a nice day. ")).isFalse();
        assertThat(gate.finish(false).problem()).isEqualTo(GuardVerdict.Problem.PROMISE);
        assertThat(sink.texts()).containsExactly("Standard delivery takes 3-5 business days.");
    }

    @Test
    void does_not_cut_inside_an_open_link_or_comment() {
        RecordingSink sink = new RecordingSink();
        SentenceGate gate = new SentenceGate(guard, sink, 2000);
        gate.accept("See [the page. It](http://x.invalid/a. b");
        assertThat(sink.deltas).isEmpty();
        gate.accept(") now. ");
        assertThat(sink.joined()).isEqualTo("See the page. It now.");
    }

    @Test
    void cuts_off_a_model_that_runs_on_past_the_limit() {
        RecordingSink sink = new RecordingSink();
        SentenceGate gate = new SentenceGate(guard, sink, 60);
        assertThat(gate.accept("Standard delivery takes 3-5 business days. ")).isTrue();
        assertThat(gate.accept("And then it goes on and on and on and on.")).isFalse();
        assertThat(gate.isFull()).isTrue();
        assertThat(gate.finish(true).allowed()).isTrue();
        assertThat(gate.answer()).isEqualTo("Standard delivery takes 3-5 business days.");
    }

    @Test
    void releases_nothing_after_close() {
        RecordingSink sink = new RecordingSink();
        SentenceGate gate = new SentenceGate(guard, sink, 2000);
        gate.close();
        assertThat(gate.accept("Standard delivery takes 3-5 business days. ")).isFalse();
        assertThat(sink.deltas).isEmpty();
    }
}
