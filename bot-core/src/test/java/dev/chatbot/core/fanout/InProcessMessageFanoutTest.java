package dev.chatbot.core.fanout;

import dev.chatbot.core.conversation.ConversationEvent;
import dev.chatbot.core.conversation.ConversationState;
import dev.chatbot.core.port.MessageFanout;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InProcessMessageFanoutTest {

    @Test
    void delivers_to_the_conversations_watchers_and_to_everything_watchers_only() {
        InProcessMessageFanout fanout = new InProcessMessageFanout();
        List<ConversationEvent> tabA = new ArrayList<>();
        List<ConversationEvent> tabB = new ArrayList<>();
        List<ConversationEvent> agent = new ArrayList<>();
        fanout.subscribe("a", tabA::add);
        fanout.subscribe("b", tabB::add);
        fanout.subscribeAll(agent::add);
        fanout.publish(new ConversationEvent.StateChanged("a", ConversationState.AGENT));
        assertThat(tabA).hasSize(1);
        assertThat(tabB).isEmpty();
        assertThat(agent).hasSize(1);
    }

    @Test
    void a_closed_subscription_receives_nothing_and_costs_nothing() {
        InProcessMessageFanout fanout = new InProcessMessageFanout();
        List<ConversationEvent> got = new ArrayList<>();
        MessageFanout.Subscription s = fanout.subscribe("a", got::add);
        s.close();
        s.close();
        fanout.publish(new ConversationEvent.StateChanged("a", ConversationState.BOT));
        assertThat(got).isEmpty();
        assertThat(fanout.watchedConversations()).isZero();
    }

    @Test
    void a_failing_listener_does_not_stop_the_others() {
        InProcessMessageFanout fanout = new InProcessMessageFanout();
        List<ConversationEvent> got = new ArrayList<>();
        fanout.subscribe("a", e -> {
            throw new IllegalStateException("broken socket");
        });
        fanout.subscribe("a", got::add);
        fanout.publish(new ConversationEvent.StateChanged("a", ConversationState.BOT));
        assertThat(got).hasSize(1);
    }
}
