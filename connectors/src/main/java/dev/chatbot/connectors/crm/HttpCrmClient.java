package dev.chatbot.connectors.crm;

import dev.chatbot.connectors.config.CrmConfig;
import dev.chatbot.core.crm.CrmClient;
import dev.chatbot.core.crm.CrmException;
import dev.chatbot.core.crm.Customer;
import dev.chatbot.core.crm.Order;
import dev.chatbot.core.crm.OrderNotCancellableException;
import dev.chatbot.core.crm.OrderStatus;
import dev.chatbot.core.crm.RefundRequest;
import dev.chatbot.core.crm.RefundResult;
import dev.chatbot.core.crm.UnknownOrderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The shop's own CRM over HTTP, exactly as contracts section 4 describes it ({@code GET /orders/{id}},
 * {@code GET /customers?email=}, {@code POST /refunds}), plus the extension {@code POST /orders/{id}/cancel}; see
 * {@code docs/crm.md}. Built on the JDK's {@link HttpClient}.
 *
 * <p>Every call is bounded: a connect time-out, a time-out per attempt that covers the whole answer (body
 * included), and a total time-out across retries. Reads are retried with growing, jittered pauses on time-outs,
 * connection failures and transient server errors; writes only when the request certainly never left (see
 * {@link RetryDecision}). Ids and e-mail addresses are percent-encoded, answers are parsed strictly
 * ({@link HttpCrmJson}) and capped in size ({@link CappedBody}). The bearer token is sent on every request and
 * appears in no log line and no exception message; neither do e-mail addresses.
 *
 * <p>How answers map to the port: 404 on a lookup is "unknown" (empty); 401 and 403 are {@code UNAUTHORIZED};
 * exhausted retries or other 5xx are {@code UNAVAILABLE} or {@code TIMEOUT}; anything unexpected or unreadable is
 * {@code BAD_RESPONSE}. Cancelling: 200 is the cancelled order, 409 (with the order, or at least its
 * {@code status}) is {@link OrderNotCancellableException}, 405 and 501 are {@code UNSUPPORTED}, and 404 is
 * {@link UnknownOrderException} when a {@code GET} of the order is also 404, {@code UNSUPPORTED} when it is not.
 */
public final class HttpCrmClient implements CrmClient, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpCrmClient.class);
    private static final byte[] EMPTY_OBJECT = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private final String base;
    private final Optional<String> authorization;
    private final Duration requestTimeout;
    private final Duration totalTimeout;
    private final int maxAttempts;
    private final Duration retryBackoff;
    private final int maxResponseBytes;
    private final HttpClient http;
    private final ExecutorService senders = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("crm-http-", 0).factory());

    /**
     * @throws IllegalArgumentException when no base URL is configured or it is not a plain http(s) URL
     */
    public HttpCrmClient(CrmConfig config) {
        URI url = config.getBaseUrl().orElseThrow(() ->
                new IllegalArgumentException("the HTTP CRM needs chatbot.crm.base-url (CHATBOT_CRM_BASE_URL)"));
        this.base = CrmUrls.base(url);
        this.authorization = config.getToken().map(HttpCrmClient::bearer);
        this.requestTimeout = config.getRequestTimeout();
        this.totalTimeout = config.getTotalTimeout();
        this.maxAttempts = config.getMaxAttempts();
        this.retryBackoff = config.getRetryBackoff();
        this.maxResponseBytes = config.getMaxResponseBytes();
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.getConnectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    private static String bearer(String token) {
        // visible ASCII only, so the header is valid; the message never echoes the token
        if (!token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("chatbot.crm.token may only contain visible ASCII characters");
        }
        return "Bearer " + token;
    }

    @Override
    public Optional<Order> findOrder(String orderId) {
        if (!CrmArguments.plausibleOrderId(orderId)) {
            return Optional.empty();
        }
        Answer a = call("GET /orders/{id}", "GET", "/orders/" + CrmUrls.encode(orderId), null);
        return switch (a.status()) {
            case 200 -> Optional.of(HttpCrmJson.order(HttpCrmJson.object(a.body(), "order"), orderId));
            case 404 -> Optional.empty();
            default -> throw unexpected(a);
        };
    }

    @Override
    public Optional<Customer> findCustomerByEmail(String email) {
        if (!CrmArguments.plausibleEmail(email)) {
            return Optional.empty();
        }
        Answer a = call("GET /customers", "GET", "/customers?email=" + CrmUrls.encode(email.strip()), null);
        return switch (a.status()) {
            case 200 -> Optional.of(HttpCrmJson.customer(HttpCrmJson.object(a.body(), "customer"), email));
            case 404 -> Optional.empty();
            default -> throw unexpected(a);
        };
    }

    @Override
    public RefundResult requestRefund(RefundRequest request) {
        CrmArguments.validate(request);
        if (!CrmArguments.plausibleOrderId(request.orderId())) {
            throw new UnknownOrderException(request.orderId());
        }
        Answer a = call("POST /refunds", "POST", "/refunds", HttpCrmJson.refundRequest(request));
        return switch (a.status()) {
            case 200, 201 -> HttpCrmJson.refund(HttpCrmJson.object(a.body(), "refund"));
            case 404 -> throw new UnknownOrderException(request.orderId());
            default -> throw unexpected(a);
        };
    }

    @Override
    public Order cancelOrder(String orderId) {
        if (!CrmArguments.plausibleOrderId(orderId)) {
            throw new UnknownOrderException(orderId);
        }
        Answer a = call("POST /orders/{id}/cancel", "POST", "/orders/" + CrmUrls.encode(orderId) + "/cancel",
                EMPTY_OBJECT);
        switch (a.status()) {
            case 200 -> {
                Order order = HttpCrmJson.order(HttpCrmJson.object(a.body(), "cancelled order"), orderId);
                if (order.status() != OrderStatus.CANCELLED) {
                    throw new CrmException(CrmException.Kind.BAD_RESPONSE,
                            "cancel answered 200 but the order is " + order.status().wireName());
                }
                return order;
            }
            case 409 -> throw new OrderNotCancellableException(orderId,
                    HttpCrmJson.status(HttpCrmJson.object(a.body(), "cancel refusal")));
            case 404 -> {
                // either the order is unknown or the CRM has no cancel operation: the order lookup tells which
                if (findOrder(orderId).isEmpty()) {
                    throw new UnknownOrderException(orderId);
                }
                throw unsupported(a);
            }
            case 405, 501 -> throw unsupported(a);
            default -> throw unexpected(a);
        }
    }

    /** Releases the connections and threads of the HTTP client. */
    @Override
    public void close() {
        senders.shutdownNow();
        http.close();
    }

    /** Whether {@link #close()} has finished. */
    public boolean isClosed() {
        return http.isTerminated();
    }

    private record Answer(String op, int status, byte[] body) {
    }

    /** How one attempt ended. */
    private sealed interface Outcome {
    }

    /** The CRM answered (any status). */
    private record Answered(HttpResponse<byte[]> response) implements Outcome {
    }

    /** No usable answer: how it failed, and what to tell the caller if it was the last attempt. */
    private record Failed(RetryDecision.Failure failure, CrmException error) implements Outcome {
    }

    /**
     * Sends one request, retrying where safe, and returns any answer except 401/403 (thrown as
     * {@code UNAUTHORIZED}) and transient server errors of a read that outlasted its retries.
     */
    private Answer call(String op, String method, String pathAndQuery, byte[] body) {
        boolean idempotent = method.equals("GET");
        long start = System.nanoTime();
        long deadline = start + totalTimeout.toNanos();
        URI uri = URI.create(base + pathAndQuery);
        for (int attempt = 1; ; attempt++) {
            long remaining = deadline - System.nanoTime();
            Duration perAttempt = Duration.ofNanos(Math.min(requestTimeout.toNanos(), Math.max(remaining, 1)));
            Outcome outcome = attempt(uri, method, body, perAttempt);
            Failed failed;
            if (outcome instanceof Answered(HttpResponse<byte[]> response)) {
                LOG.atDebug().addKeyValue("op", op).addKeyValue("status", response.statusCode())
                        .addKeyValue("attempt", attempt).addKeyValue("ms", millisSince(start)).log("CRM answered");
                int status = response.statusCode();
                if (status == 401 || status == 403) {
                    throw fail(op, attempt, start, new CrmException(CrmException.Kind.UNAUTHORIZED,
                            op + ": the CRM refused our credentials (HTTP " + status + ")"));
                }
                if (!(idempotent && RetryDecision.transientStatus(status))) {
                    return new Answer(op, status, response.body());
                }
                failed = new Failed(RetryDecision.Failure.SERVER_ERROR, new CrmException(CrmException.Kind.UNAVAILABLE,
                        op + ": the CRM answered HTTP " + status));
            } else {
                failed = (Failed) outcome;
            }
            if (!RetryDecision.mayRetry(idempotent, failed.failure()) || attempt >= maxAttempts) {
                throw fail(op, attempt, start, failed.error());
            }
            long pause = backoffNanos(attempt);
            if (System.nanoTime() + pause >= deadline) {
                throw fail(op, attempt, start, failed.error());
            }
            LOG.atWarn().addKeyValue("op", op).addKeyValue("attempt", attempt)
                    .addKeyValue("failure", failed.failure().name().toLowerCase(java.util.Locale.ROOT))
                    .addKeyValue("pause_ms", TimeUnit.NANOSECONDS.toMillis(pause)).log("CRM call failed, retrying");
            try {
                TimeUnit.NANOSECONDS.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CrmException(CrmException.Kind.UNAVAILABLE, op + ": interrupted while waiting to retry", e);
            }
        }
    }

    /** One request, bounded by {@code timeout} from sending to the last byte of the body. */
    private Outcome attempt(URI uri, String method, byte[] body, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("User-Agent", "chatbot-crm-connector/1");
        authorization.ifPresent(value -> b.header("Authorization", value));
        if (body == null) {
            b.GET();
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        }
        HttpRequest request = b.build();
        // the blocking send() on a virtual thread of our own, awaited with a deadline: sendAsync's future completes
        // through the common fork-join pool and stalls when that pool is busy (seen on a 2-core machine)
        Future<HttpResponse<byte[]>> pending = senders.submit(() ->
                http.send(request, CappedBody.handler(maxResponseBytes)));
        try {
            return new Answered(pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            pending.cancel(true);
            return new Failed(RetryDecision.Failure.TIMED_OUT, new CrmException(CrmException.Kind.TIMEOUT,
                    method + " " + uri.getRawPath() + ": no complete answer within " + timeout.toMillis() + " ms"));
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new CrmException(CrmException.Kind.UNAVAILABLE, "interrupted while waiting for the CRM", e);
        } catch (ExecutionException e) {
            return classify(e.getCause(), method + " " + uri.getRawPath(), timeout);
        }
    }

    private static Failed classify(Throwable error, String what, Duration timeout) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof CappedBody.TooLargeException) {
                return new Failed(RetryDecision.Failure.PERMANENT, new CrmException(CrmException.Kind.BAD_RESPONSE,
                        what + ": " + t.getMessage(), t));
            }
            if (t instanceof HttpConnectTimeoutException) {
                return new Failed(RetryDecision.Failure.NOT_CONNECTED, new CrmException(CrmException.Kind.TIMEOUT,
                        what + ": could not connect in time", t));
            }
            if (t instanceof HttpTimeoutException) {
                return new Failed(RetryDecision.Failure.TIMED_OUT, new CrmException(CrmException.Kind.TIMEOUT,
                        what + ": no answer within " + timeout.toMillis() + " ms", t));
            }
            if (t instanceof ConnectException) {
                return new Failed(RetryDecision.Failure.NOT_CONNECTED, new CrmException(CrmException.Kind.UNAVAILABLE,
                        what + ": cannot connect to the CRM", t));
            }
        }
        if (error instanceof IOException) {
            return new Failed(RetryDecision.Failure.CONNECTION_LOST, new CrmException(CrmException.Kind.UNAVAILABLE,
                    what + ": connection to the CRM failed: " + error.getClass().getSimpleName(), error));
        }
        return new Failed(RetryDecision.Failure.PERMANENT, new CrmException(CrmException.Kind.UNAVAILABLE,
                what + ": " + error, error));
    }

    private CrmException fail(String op, int attempts, long start, CrmException error) {
        LOG.atWarn().addKeyValue("op", op).addKeyValue("kind", error.kind().name().toLowerCase(java.util.Locale.ROOT))
                .addKeyValue("attempts", attempts).addKeyValue("ms", millisSince(start)).log("CRM call failed");
        return error;
    }

    private static CrmException unexpected(Answer a) {
        if (a.status() >= 500 || a.status() == 429) {
            return new CrmException(CrmException.Kind.UNAVAILABLE, a.op() + ": the CRM answered HTTP " + a.status());
        }
        return new CrmException(CrmException.Kind.BAD_RESPONSE, a.op() + ": unexpected HTTP status " + a.status());
    }

    private static CrmException unsupported(Answer a) {
        return new CrmException(CrmException.Kind.UNSUPPORTED,
                a.op() + ": the CRM does not offer cancelling orders (HTTP " + a.status() + ")");
    }

    private long backoffNanos(int attempt) {
        long base = retryBackoff.toNanos() << Math.min(attempt - 1, 10);
        return (long) (base * (0.5 + ThreadLocalRandom.current().nextDouble() * 0.5));
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    /** The base URL every request starts with (no credentials: those are refused in the URL). */
    String baseUrl() {
        return base;
    }

    @Override
    public String toString() {
        return "HttpCrmClient[" + base + "]";
    }
}
