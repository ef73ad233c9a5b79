package dev.chatbot.connectors.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatbot.connectors.testing.Frames;
import dev.chatbot.connectors.testing.TestServer.WidgetSession;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A conversation as the server has stored it, read page by page through the widget's history API
 * ({@code GET /api/widget/conversations/{id}/messages}), independent of what any socket delivered.
 */
record StoredHistory(String conversationId, String state, long lastSeq, List<JsonNode> messages) {

    /** Reads the whole conversation; {@code get} is a server's {@code get(path, bearer)}. */
    static StoredHistory read(BiFunction<String, String, HttpResponse<String>> get, WidgetSession session) {
        List<JsonNode> all = new ArrayList<>();
        long after = 0;
        String state;
        long lastSeq;
        while (true) {
            HttpResponse<String> r = get.apply("/api/widget/conversations/" + session.conversationId()
                    + "/messages?afterSeq=" + after, session.token());
            assertThat(r.statusCode()).as("history of %s: %s", session.conversationId(), r.body()).isEqualTo(200);
            JsonNode page = Frames.parse(r.body());
            state = page.get("state").asText();
            lastSeq = page.get("lastSeq").asLong();
            page.get("messages").forEach(all::add);
            if (page.get("messages").isEmpty() || all.getLast().get("seq").asLong() >= lastSeq) {
                break;
            }
            after = all.getLast().get("seq").asLong();
        }
        return new StoredHistory(session.conversationId(), state, lastSeq, List.copyOf(all));
    }

    /**
     * Sequence numbers run 1, 2, 3 ... without a gap and without a repeat, at least up to {@code lastSeq} (the bot may
     * store a reply between the two reads of a page, so the messages can run past the {@code lastSeq} read first).
     */
    StoredHistory assertGaplessAndUnique() {
        List<Long> seqs = messages.stream().map(m -> m.get("seq").asLong()).toList();
        long newest = seqs.isEmpty() ? 0 : seqs.getLast();
        assertThat(newest).as("newest stored message of %s", conversationId).isGreaterThanOrEqualTo(lastSeq);
        List<Long> expected = new ArrayList<>();
        for (long s = 1; s <= newest; s++) {
            expected.add(s);
        }
        assertThat(seqs).as("sequence numbers of %s", conversationId).containsExactlyElementsOf(expected);
        List<String> clientIds = messages.stream().filter(m -> m.hasNonNull("clientId"))
                .map(m -> m.get("clientId").asText()).toList();
        assertThat(clientIds).as("client ids stored once each in %s", conversationId).doesNotHaveDuplicates();
        return this;
    }

    /** The stored customer messages by client id. */
    Map<String, JsonNode> byClientId() {
        Map<String, JsonNode> out = new HashMap<>();
        for (JsonNode m : messages) {
            if (m.hasNonNull("clientId")) {
                out.put(m.get("clientId").asText(), m);
            }
        }
        return out;
    }

    /** The newest message's role ({@code customer} when the conversation still waits for an answer). */
    String lastRole() {
        return messages.isEmpty() ? "" : messages.getLast().get("role").asText();
    }
}
