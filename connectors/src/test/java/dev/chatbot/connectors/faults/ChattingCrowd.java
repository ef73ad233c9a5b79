package dev.chatbot.connectors.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatbot.connectors.testing.ChatClient;
import dev.chatbot.connectors.testing.TestServer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Many customers chatting at the same time, each in its own conversation: every customer asks its questions one after
 * another and waits for the bot's answer to each before asking the next. Records how long each answer took (from
 * sending to the answer's arrival) and every answer that did not come.
 */
final class ChattingCrowd {

    /** What the crowd saw. Times in milliseconds. */
    record Result(int answers, List<String> failures, long p50, long p95, long max) {
        @Override
        public String toString() {
            return answers + " answers, p50 " + p50 + " ms, p95 " + p95 + " ms, max " + max + " ms, "
                    + failures.size() + " missing";
        }
    }

    private ChattingCrowd() {
    }

    /** Starts {@code customers} conversations that each ask {@code turns} of the questions, in turn. */
    static CompletableFuture<Result> start(TestServer server, int customers, int turns, List<String> questions,
                                           Duration answerWithin) {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            int customer = i;
            TestServer.WidgetSession session = server.newSession();
            CompletableFuture<Void> done = new CompletableFuture<>();
            Thread.ofPlatform().name("crowd-" + i).start(() -> {
                try (ChatClient chat = server.connect(session)) {
                    chat.awaitType("state");
                    for (int t = 0; t < turns; t++) {
                        String question = questions.get((customer + t) % questions.size());
                        long start = System.nanoTime();
                        try {
                            long seq = chat.say("crowd-" + customer + "-" + t, question);
                            JsonNode answer = chat.await(f -> f.path("type").asText().equals("message")
                                    && f.path("seq").asLong() > seq && !f.path("role").asText().equals("customer"),
                                    answerWithin);
                            latencies.add((System.nanoTime() - start) / 1_000_000);
                            if (answer.path("text").asText().isBlank()) {
                                failures.add("customer " + customer + ": empty answer to '" + question + "'");
                            }
                        } catch (AssertionError | RuntimeException e) {
                            failures.add("customer " + customer + ": no answer to '" + question + "': "
                                    + e.getMessage().lines().findFirst().orElse(""));
                        }
                    }
                } catch (RuntimeException | AssertionError e) {
                    failures.add("customer " + customer + ": " + e);
                } finally {
                    done.complete(null);
                }
            });
            all.add(done);
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            return new Result(sorted.size(), List.copyOf(failures), percentile(sorted, 0.50), percentile(sorted, 0.95),
                    sorted.isEmpty() ? 0 : sorted.getLast());
        });
    }

    private static long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
