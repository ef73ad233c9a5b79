package dev.chatbot.connectors.llm;

import dev.chatbot.connectors.config.LlmConfig;
import dev.chatbot.core.dialogue.PartialSink;
import dev.chatbot.core.llm.FallbackAnswer;
import dev.chatbot.core.llm.FallbackAnswer.Outcome;
import dev.chatbot.core.llm.FallbackGenerator;
import dev.chatbot.core.llm.FallbackRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.http.client.jdk.JdkHttpClientBuilder;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The guarded generation shared by every model server: input check, circuit breaker, bounded admission, prompt
 * building, streaming through the {@link SentenceGate}, time limits, and the final answer check. Subclasses only say
 * how to reach their server ({@link OllamaFallbackGenerator}, {@link OpenAiFallbackGenerator}).
 *
 * <p>{@link #generate} blocks its caller until the answer is complete (the dialogue engine calls it from a virtual
 * thread, never from Netty's event loop); HTTP work runs on this generator's own virtual threads, whose number the
 * admission bound limits.
 */
public abstract class GuardedFallbackGenerator implements FallbackGenerator, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedFallbackGenerator.class);

    protected final LlmConfig config;
    private final PromptInjectionDetector detector;
    private final PromptBuilder prompts;
    private final AdmissionGate admission;
    private final CircuitBreaker breaker;
    private final ExecutorService httpThreads =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("llm-http-", 0).factory());
    private final ScheduledExecutorService probeThread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "llm-probe");
        t.setDaemon(true);
        return t;
    });

    protected GuardedFallbackGenerator(LlmConfig config) {
        this.config = config;
        this.detector = new PromptInjectionDetector();
        this.prompts = new PromptBuilder(config.getShopName(), new PassageSanitizer(detector),
                config.getMaxPromptChars(), config.getMaxPassages(), config.getMaxHistoryTurns());
        this.admission = new AdmissionGate(config.getMaxConcurrent(), config.getMaxQueue());
        this.breaker = new CircuitBreaker(config.getProbeInterval(), this::probe, probeThread);
    }

    /** A model client for one generation, talking through {@code http}. */
    protected abstract StreamingChatModel model(JdkHttpClientBuilder http);

    /** A cheap request that succeeds when the server is up (Ollama: {@code /api/tags}). */
    protected abstract URI probeUri();

    /** Headers for the probe (an API key, for servers that want one). */
    protected Map<String, String> probeHeaders() {
        return Map.of();
    }

    @Override
    public boolean isEnabled() {
        return true;
    }

    @Override
    public FallbackAnswer generate(FallbackRequest request, PartialSink partials) {
        try {
            List<FallbackRequest.Turn> history = new ArrayList<>();
            List<String> earlierCustomerTurns = new ArrayList<>();
            keepHarmlessTurns(request.history(), history, earlierCustomerTurns);
            InjectionVerdict injection = detector.inspect(request.question(), earlierCustomerTurns);
            if (injection.flagged()) {
                return FallbackAnswer.of(Outcome.REFUSED, "prompt injection: " + injection.reason());
            }
            if (!breaker.allows()) {
                return FallbackAnswer.of(Outcome.UNAVAILABLE, "LLM server down: " + breaker.reason());
            }
            switch (admission.enter(config.getMaxQueueWait())) {
                case QUEUE_FULL -> {
                    return FallbackAnswer.of(Outcome.BUSY, "all " + config.getMaxConcurrent() + " generation slots and "
                            + config.getMaxQueue() + " queue places taken");
                }
                case WAITED_TOO_LONG -> {
                    return FallbackAnswer.of(Outcome.BUSY, "no generation slot within " + config.getMaxQueueWait());
                }
                case ADMITTED -> {
                    // go on
                }
            }
            try {
                if (!breaker.allows()) {
                    return FallbackAnswer.of(Outcome.UNAVAILABLE, "LLM server down: " + breaker.reason());
                }
                return stream(prompts.build(request, history), partials);
            } finally {
                admission.leave();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FallbackAnswer.of(Outcome.UNAVAILABLE, "interrupted");
        } catch (RuntimeException e) {
            LOG.warn("LLM fallback failed", e);
            return FallbackAnswer.of(Outcome.UNAVAILABLE, "failed: " + e.getClass().getSimpleName());
        }
    }

    /** Earlier turns without the customer's own attack attempts (and the bot's replies to them). */
    private void keepHarmlessTurns(List<FallbackRequest.Turn> all, List<FallbackRequest.Turn> kept,
                                   List<String> customerTurns) {
        boolean skipReply = false;
        for (FallbackRequest.Turn t : all) {
            boolean customer = !"assistant".equalsIgnoreCase(t.role()) && !"bot".equalsIgnoreCase(t.role());
            if (customer) {
                skipReply = detector.inspect(t.text()).flagged();
                if (!skipReply) {
                    kept.add(t);
                    customerTurns.add(t.text());
                }
            } else if (!skipReply) {
                kept.add(t);
            }
        }
    }

    private FallbackAnswer stream(Prompt prompt, PartialSink partials) throws InterruptedException {
        AnswerGuard guard = new AnswerGuard(prompt.canary(), prompt.rules(), prompt.grounding());
        SentenceGate gate = new SentenceGate(guard, partials, Math.max(2000, config.getMaxAnswerTokens() * 12));
        RememberingHttpClientBuilder http = new RememberingHttpClientBuilder(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(httpThreads));
        JdkHttpClientBuilder transport = new JdkHttpClientBuilder()
                .httpClientBuilder(http)
                .connectTimeout(config.getConnectTimeout())
                .readTimeout(config.getTotalTimeout());
        CompletableFuture<Void> firstToken = new CompletableFuture<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        StreamingChatResponseHandler handler = new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String text) {
                firstToken.complete(null);
                if (!gate.accept(text)) {
                    done.complete(null);
                }
            }

            @Override
            public void onPartialResponse(PartialResponse response, PartialResponseContext context) {
                firstToken.complete(null);
                if (!gate.accept(response.text())) {
                    context.streamingHandle().cancel();
                    done.complete(null);
                }
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                firstToken.complete(null);
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        };
        long started = System.nanoTime();
        boolean aborted = false;
        try {
            model(transport).chat(ChatRequest.builder().messages(messages(prompt)).build(), handler);
            Duration firstLimit = min(config.getFirstTokenTimeout(), config.getTotalTimeout());
            try {
                CompletableFuture.anyOf(firstToken, done).get(firstLimit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                aborted = true;
                breaker.recordFailure("no first token within " + firstLimit.toMillis() + " ms");
                return FallbackAnswer.of(Outcome.UNAVAILABLE, "no first token within " + firstLimit.toMillis() + " ms");
            } catch (ExecutionException e) {
                // reported below by done.get()
            }
            long leftMs = config.getTotalTimeout().toMillis() - (System.nanoTime() - started) / 1_000_000;
            ChatResponse response;
            try {
                response = done.get(Math.max(0, leftMs), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                aborted = true;
                return FallbackAnswer.of(Outcome.UNAVAILABLE,
                        "answer not complete within " + config.getTotalTimeout().toMillis() + " ms");
            } catch (ExecutionException e) {
                aborted = true;
                String why = describe(e.getCause());
                breaker.recordFailure(why);
                return FallbackAnswer.of(Outcome.UNAVAILABLE, why);
            }
            if (response == null) {
                aborted = true; // the gate stopped the stream: a blocked sentence, or far too long an answer
                if (!gate.verdict().allowed()) {
                    return FallbackAnswer.of(Outcome.UNSURE, "answer blocked: " + describe(gate.verdict()));
                }
            }
            boolean cutOff = response == null || response.finishReason() == FinishReason.LENGTH;
            GuardVerdict rest = gate.finish(cutOff);
            if (!rest.allowed()) {
                return FallbackAnswer.of(Outcome.UNSURE, "answer blocked: " + describe(rest));
            }
            String answer = gate.answer();
            if (answer.isBlank()) {
                return FallbackAnswer.of(Outcome.UNSURE, "empty answer");
            }
            GuardVerdict whole = guard.checkAnswer(answer);
            if (!whole.allowed()) {
                return FallbackAnswer.of(Outcome.UNSURE, "answer blocked: " + describe(whole));
            }
            long ms = (System.nanoTime() - started) / 1_000_000;
            return new FallbackAnswer(Outcome.ANSWERED, answer, prompt.sources(),
                    "model " + config.getModel() + ", " + ms + " ms" + (cutOff ? ", cut at the token limit" : ""));
        } finally {
            gate.close();
            if (aborted) {
                http.abort();
            } else {
                http.release();
            }
        }
    }

    private static List<ChatMessage> messages(Prompt prompt) {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from(prompt.system()));
        for (Prompt.Turn t : prompt.turns()) {
            messages.add(t.role() == Prompt.Role.ASSISTANT ? AiMessage.from(t.text()) : UserMessage.from(t.text()));
        }
        return messages;
    }

    /** Whether the server answers its cheap status request; used by the circuit breaker's background probe. */
    boolean probe() {
        try (HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.getConnectTimeout())
                .build()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(probeUri())
                    .timeout(config.getConnectTimeout().multipliedBy(2))
                    .GET();
            probeHeaders().forEach(request::header);
            HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() / 100 == 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    /** Whether calls currently go to the server (false while the circuit breaker waits for it to come back). */
    public boolean isReachable() {
        return breaker.allows();
    }

    @Override
    public void close() {
        probeThread.shutdownNow();
        httpThreads.shutdownNow();
    }

    private static String describe(GuardVerdict v) {
        return v.problem().name().toLowerCase(java.util.Locale.ROOT) + " (" + v.detail() + ")";
    }

    private static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage();
        if (message.length() > 200) {
            message = message.substring(0, 200);
        }
        return "LLM call failed: " + root.getClass().getSimpleName() + message;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
