package dev.chatbot.connectors.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatbot.connectors.llm.FakeOllamaServer;
import dev.chatbot.connectors.testing.Postgres;
import dev.chatbot.connectors.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server process is killed with SIGKILL while customers chat, then started again on the same home folder: every
 * acknowledged message is still stored under the sequence number its ack gave, clients that reconnect get everything
 * after the last number they saw, resent messages are stored once, no sequence number repeats, and a customer whose
 * message was stored but not yet answered when the server died gets an answer without doing anything.
 *
 * <p>Runs once on the embedded H2 file database and once on PostgreSQL. The server is a separate process started the
 * way the launcher starts it; the LLM is a test double that hangs for one question, so that one conversation is
 * certainly waiting for the bot when the server dies.
 */
class KillDuringConversationIT {

    private static final List<String> QUESTIONS = List.of(
            "how long does shipping take?",
            "which payment methods do you accept?",
            "how do I buy a gift card?",
            "do you store my card details?",
            "can I change the delivery address of my order?",
            "how do I reset my password?");
    private static final String WAITS_FOR_THE_LLM = "is the ridgeline boot a good choice for people with wide feet?";
    private static final int CHATTING_CUSTOMERS = 4;

    @TempDir
    Path home;
    private FakeOllamaServer llm;
    private volatile boolean llmHangs = true;

    @BeforeEach
    void startLlm() {
        // before the kill the model never answers the one question that goes to it; after the restart it answers
        llm = FakeOllamaServer.start().otherwise(request -> llmHangs
                ? FakeOllamaServer.Script.hang() : FakeOllamaServer.Script.answer("NOT_SURE"));
    }

    @AfterEach
    void stopLlm() {
        llm.close();
    }

    @Test
    void sigkill_on_h2_loses_no_acknowledged_message_and_repeats_no_sequence_number() {
        killWhileChattingThenRestart(Map.of());
    }

    @Test
    void sigkill_on_postgresql_loses_no_acknowledged_message_and_repeats_no_sequence_number() {
        try (Postgres db = Postgres.createDatabase()) {
            killWhileChattingThenRestart(Map.of(
                    "chatbot.database.url", db.url(),
                    "chatbot.database.username", db.user(),
                    "chatbot.database.password", db.password()));
        }
    }

    private void killWhileChattingThenRestart(Map<String, String> database) {
        Map<String, String> settings = new HashMap<>(database);
        settings.putAll(TestServer.LOAD_FROM_ONE_ADDRESS);
        settings.put("chatbot.llm.enabled", "true");
        settings.put("chatbot.llm.base-url", llm.baseUrl());
        settings.put("chatbot.llm.model", FakeOllamaServer.MODEL);
        settings.put("chatbot.llm.first-token-timeout", "60s");
        settings.put("chatbot.llm.total-timeout", "90s");

        List<ChattingCustomer> chatting = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(home, settings)) {
            for (int i = 0; i < CHATTING_CUSTOMERS; i++) {
                ChattingCustomer c = new ChattingCustomer("c" + i, server.newSession());
                c.connect(server.ws(""));
                chatting.add(c);
            }
            int rounds = rounds();
            for (int round = 1; round <= rounds; round++) {
                killAndRestart(server, chatting, round);
            }
        } finally {
            chatting.forEach(ChattingCustomer::close);
        }
    }

    /** One round: chat, SIGKILL, start again, check, resume. The customers are connected when it starts and ends. */
    private void killAndRestart(ServerProcess server, List<ChattingCustomer> chatting, int round) {
        // one customer's question goes to the LLM, which never answers: stored, acknowledged, not answered
        llmHangs = true;
        ChattingCustomer waiting = new ChattingCustomer("waiting" + round, server.newSession());
        waiting.connect(server.ws(""));
        assertThat(waiting.send(WAITS_FOR_THE_LLM, Duration.ofSeconds(10))).isTrue();
        long unansweredSeq = waiting.acked().get("waiting" + round + "-1");

        Map<ChattingCustomer, Integer> ackedBeforeRound = new HashMap<>();
        for (int i = 0; i < chatting.size(); i++) {
            ackedBeforeRound.put(chatting.get(i), chatting.get(i).ackCount());
            chatting.get(i).startChatting(QUESTIONS, Duration.ofMillis(20 + 10 * i));
        }
        // chat for 3 seconds, and on a busy machine until every customer has had a few messages acknowledged
        long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        long limit = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < limit && (System.nanoTime() < until
                || chatting.stream().anyMatch(c -> c.ackCount() - ackedBeforeRound.get(c) < 3))) {
            ServerProcess.sleep(100);
        }

        int status = server.kill();
        assertThat(status).as("exit status of a process killed by SIGKILL").isEqualTo(137);
        chatting.forEach(ChattingCustomer::awaitLoop);
        chatting.forEach(ChattingCustomer::noteReceived);
        waiting.noteReceived();
        for (ChattingCustomer c : chatting) {
            assertThat(c.ackCount() - ackedBeforeRound.get(c))
                    .as("%s had messages acknowledged before the kill", c.name()).isGreaterThanOrEqualTo(3);
        }
        Map<ChattingCustomer, Map<String, Long>> ackedBeforeKill = new HashMap<>();
        chatting.forEach(c -> ackedBeforeKill.put(c, c.acked()));
        int acks = chatting.stream().mapToInt(c -> c.ackCount() - ackedBeforeRound.get(c)).sum();
        int unacked = chatting.stream().mapToInt(c -> c.unacked().size()).sum();
        System.out.printf("kill round %d: %d messages acknowledged before SIGKILL, %d sent without an ack%n",
                round, acks, unacked);

        llmHangs = false;
        server.startAgain();

        // every message acknowledged before the kill (in this round or an earlier one) is stored, under its number
        for (ChattingCustomer c : chatting) {
            Map<String, JsonNode> byClientId = StoredHistory.read(server::get, c.session()).byClientId();
            ackedBeforeKill.get(c).forEach((clientId, seq) -> {
                JsonNode m = byClientId.get(clientId);
                assertThat(m).as("%s, acknowledged as %d before the kill, is stored", clientId, seq).isNotNull();
                assertThat(m.get("seq").asLong()).as("seq of %s", clientId).isEqualTo(seq);
                assertThat(m.get("text").asText()).isEqualTo(c.textOf(clientId));
            });
        }

        // the waiting customer only reconnects: the server answers the message it left unanswered, once
        waiting.reconnectAndResume(server.ws(""));
        JsonNode answer = waiting.awaitAnswerAfter(unansweredSeq, Duration.ofSeconds(20));
        assertThat(answer.get("role").asText()).isEqualTo("bot");
        assertThat(answer.get("text").asText()).contains("connect you with a person");

        for (ChattingCustomer c : chatting) {
            long seenBefore = c.lastSeenSeq();
            Map<String, Long> resent = c.reconnectAndResume(server.ws(""));
            StoredHistory stored = StoredHistory.read(server::get, c.session()).assertGaplessAndUnique();
            Map<String, JsonNode> byClientId = stored.byClientId();
            // a resent message is stored once: either it made it before the kill (same seq again) or now
            resent.forEach((clientId, seq) ->
                    assertThat(byClientId.get(clientId).get("seq").asLong()).isEqualTo(seq));

            // the socket gets every message after the last one it had seen, nothing skipped
            c.awaitEveryMessage(seenBefore, stored.lastSeq(), Duration.ofSeconds(15));

            // numbering carries on after the restart: a new message gets the next number
            long before = StoredHistory.read(server::get, c.session()).lastSeq();
            assertThat(c.send("thanks, one more thing: how long does shipping take?", Duration.ofSeconds(10))).isTrue();
            long newSeq = c.acked().values().stream().mapToLong(Long::longValue).max().orElseThrow();
            assertThat(newSeq).isGreaterThan(before);
        }

        // in the end nobody is left waiting for an answer, and every conversation is still gapless
        for (ChattingCustomer c : chatting) {
            StoredHistory end = awaitAnswered(server, c);
            end.assertGaplessAndUnique();
        }
        StoredHistory waited = StoredHistory.read(server::get, waiting.session()).assertGaplessAndUnique();
        assertThat(waited.messages()).filteredOn(m -> m.get("seq").asLong() > unansweredSeq)
                .as("the unanswered message is answered once").hasSize(1);
        waiting.close();
    }

    /** Kill rounds per test: 1 in the test run, more from {@code bench/faults/kill-loop.sh}. */
    private static int rounds() {
        return Integer.parseInt(System.getenv().getOrDefault("CHATBOT_FAULTS_KILL_ROUNDS", "1"));
    }

    private static StoredHistory awaitAnswered(ServerProcess server, ChattingCustomer c) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        StoredHistory h = StoredHistory.read(server::get, c.session());
        while (h.lastRole().equals("customer") && System.nanoTime() < deadline) {
            ServerProcess.sleep(200);
            h = StoredHistory.read(server::get, c.session());
        }
        assertThat(h.lastRole()).as("%s: the newest customer message was answered", c.name()).isNotEqualTo("customer");
        return h;
    }
}
