package dev.chatbot.connectors.crm;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.chatbot.connectors.config.CrmConfig;
import dev.chatbot.connectors.crm.FakeCrmServer.Drop;
import dev.chatbot.connectors.crm.FakeCrmServer.Hang;
import dev.chatbot.connectors.crm.FakeCrmServer.Huge;
import dev.chatbot.connectors.crm.FakeCrmServer.ProcessThenHang;
import dev.chatbot.connectors.crm.FakeCrmServer.ProcessThenStatus;
import dev.chatbot.connectors.crm.FakeCrmServer.Status;
import dev.chatbot.core.crm.CrmException;
import dev.chatbot.core.crm.OrderStatus;
import dev.chatbot.core.crm.UnknownOrderException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import static dev.chatbot.connectors.crm.CrmClientContract.refund;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What only the HTTP CRM has to get right: time-outs, retries only where safe, strict and capped reading of
 * answers, credentials, URL encoding and logs without secrets. Runs against the fake CRM (a test double), which is
 * told how to misbehave request by request.
 */
class HttpCrmClientFaultsIT {

    private static final LocalDate DAY = LocalDate.of(2025, 6, 16);
    private static final String TOKEN = "s3cret-Token-Value";

    private FakeCrmServer fake;
    private final List<HttpCrmClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        fake = FakeCrmServer.start(DemoCrmData.forDay(DAY), "/api", Optional.of(TOKEN));
    }

    @AfterEach
    void stop() {
        clients.forEach(HttpCrmClient::close);
        fake.close();
    }

    private HttpCrmClient client(Consumer<CrmConfig> tune) {
        CrmConfig config = new CrmConfig();
        config.setBaseUrl(fake.baseUrl().toString());
        config.setToken(TOKEN);
        config.setRequestTimeout(Duration.ofSeconds(1));
        config.setTotalTimeout(Duration.ofSeconds(4));
        config.setRetryBackoff(Duration.ofMillis(20));
        tune.accept(config);
        HttpCrmClient client = new HttpCrmClient(config);
        clients.add(client);
        return client;
    }

    private HttpCrmClient client() {
        return client(c -> { });
    }

    private static Consumer<Throwable> kind(CrmException.Kind kind) {
        return e -> assertThat(((CrmException) e).kind()).isEqualTo(kind);
    }

    // ---- time-outs

    @Test
    void times_out_when_the_crm_never_answers() {
        fake.failNext("GET /orders/", new Hang(), new Hang(), new Hang());
        HttpCrmClient crm = client(c -> {
            c.setRequestTimeout(Duration.ofMillis(300));
            c.setTotalTimeout(Duration.ofMillis(1000));
        });
        long start = System.nanoTime();
        assertThatThrownBy(() -> crm.findOrder("A1B2C3")).isInstanceOf(CrmException.class)
                .satisfies(kind(CrmException.Kind.TIMEOUT));
        long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertThat(ms).as("elapsed ms").isBetween(300L, 1600L);
        assertThat(fake.count("GET /orders/A1B2C3")).as("a read is retried after a time-out").isBetween(2L, 3L);
    }

    @Test
    void never_takes_longer_than_the_total_timeout_however_many_attempts_are_allowed() {
        for (int i = 0; i < 20; i++) {
            fake.failNext("GET /orders/", new Hang());
        }
        HttpCrmClient crm = client(c -> {
            c.setMaxAttempts(20);
            c.setRequestTimeout(Duration.ofMillis(250));
            c.setTotalTimeout(Duration.ofMillis(700));
        });
        long start = System.nanoTime();
        assertThatThrownBy(() -> crm.findOrder("A1B2C3")).satisfies(kind(CrmException.Kind.TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - start).toMillis()).as("elapsed ms").isLessThan(1300L);
    }

    @Test
    void times_out_when_the_body_never_finishes() throws Exception {
        // a server that accepts, sends headers with a long Content-Length, then goes quiet
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (var socket = server.accept()) {
                    socket.getInputStream().read(new byte[4096]);
                    socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 1000\r\n\r\n{\"id\":").getBytes());
                    socket.getOutputStream().flush();
                    Thread.sleep(3000);
                } catch (IOException | InterruptedException ignored) {
                    // the client hung up, as it should
                }
            });
            CrmConfig config = new CrmConfig();
            config.setBaseUrl("http://127.0.0.1:" + server.getLocalPort());
            config.setRequestTimeout(Duration.ofMillis(300));
            config.setTotalTimeout(Duration.ofMillis(500));
            config.setMaxAttempts(1);
            try (HttpCrmClient crm = new HttpCrmClient(config)) {
                long start = System.nanoTime();
                assertThatThrownBy(() -> crm.findOrder("A1B2C3")).satisfies(kind(CrmException.Kind.TIMEOUT));
                assertThat(Duration.ofNanos(System.nanoTime() - start).toMillis()).isLessThan(1500L);
            }
        }
    }

    @Test
    void answers_while_the_common_fork_join_pool_is_busy() throws Exception {
        int busy = java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() + 1;
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        for (int i = 0; i < busy; i++) {
            CompletableFuture.runAsync(() -> {
                try {
                    release.await(5, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        try {
            assertThat(client().findOrder("A1B2C3")).isPresent();
        } finally {
            release.countDown();
        }
    }

    // ---- retries

    @Test
    void retries_a_read_that_failed_twice_then_answers() {
        fake.failNext("GET /orders/", new Status(503, "{}"), new Status(502, "bad gateway"));
        assertThat(client().findOrder("A1B2C3")).hasValueSatisfying(o -> assertThat(o.id()).isEqualTo("A1B2C3"));
        assertThat(fake.count("GET /orders/A1B2C3")).isEqualTo(3);
    }

    @Test
    void retries_a_read_after_a_dropped_connection() {
        fake.failNext("GET /customers", new Drop());
        assertThat(client().findCustomerByEmail("jonas.becker@example.com")).isPresent();
        assertThat(fake.count("GET /customers")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void gives_up_after_the_configured_number_of_attempts() {
        fake.failNext("GET /orders/", new Status(500, ""), new Status(500, ""), new Status(500, ""),
                new Status(500, ""));
        assertThatThrownBy(() -> client(c -> c.setMaxAttempts(3)).findOrder("A1B2C3"))
                .satisfies(kind(CrmException.Kind.UNAVAILABLE));
        assertThat(fake.count("GET /orders/A1B2C3")).isEqualTo(3);
    }

    @Test
    void does_not_retry_a_refund_that_reached_the_crm() {
        HttpCrmClient crm = client();
        fake.failNext("POST /refunds", new ProcessThenStatus(503));
        assertThatThrownBy(() -> crm.requestRefund(refund("K7P2Q9", "10.00", "USD")))
                .satisfies(kind(CrmException.Kind.UNAVAILABLE));
        fake.failNext("POST /refunds", new ProcessThenHang());
        assertThatThrownBy(() -> crm.requestRefund(refund("K7P2Q9", "10.00", "USD")))
                .satisfies(kind(CrmException.Kind.TIMEOUT));
        fake.failNext("POST /refunds", new Drop());
        assertThatThrownBy(() -> crm.requestRefund(refund("K7P2Q9", "10.00", "USD")))
                .satisfies(kind(CrmException.Kind.UNAVAILABLE));
        assertThat(fake.count("POST /refunds")).as("one request per refund, never a second").isEqualTo(3);
        assertThat(fake.refundsOf("K7P2Q9")).as("the two carried-out refunds, each once").hasSize(2);
    }

    @Test
    void does_not_retry_a_cancellation_that_reached_the_crm() {
        fake.failNext("POST /orders/M4N8R2/cancel", new ProcessThenStatus(500));
        assertThatThrownBy(() -> client().cancelOrder("M4N8R2")).satisfies(kind(CrmException.Kind.UNAVAILABLE));
        assertThat(fake.count("POST /orders/M4N8R2/cancel")).isEqualTo(1);
    }

    @Test
    void retries_a_refund_that_never_reached_the_crm() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        // nothing listens on the port yet: the first attempt is refused; the CRM comes up during the pause
        CrmConfig config = new CrmConfig();
        config.setBaseUrl("http://127.0.0.1:" + port + "/api");
        config.setToken(TOKEN);
        config.setRetryBackoff(Duration.ofMillis(800));
        config.setTotalTimeout(Duration.ofSeconds(5));
        try (HttpCrmClient crm = new HttpCrmClient(config)) {
            CompletableFuture<FakeCrmServer> late = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(150);
                    late.complete(FakeCrmServer.start(port, DemoCrmData.forDay(DAY), "/api", Optional.of(TOKEN)));
                } catch (InterruptedException | RuntimeException e) {
                    late.completeExceptionally(e);
                }
            });
            try {
                assertThat(crm.requestRefund(refund("K7P2Q9", "10.00", "USD")).status()).isEqualTo("requested");
                assertThat(late.get().count("POST /refunds")).isEqualTo(1);
            } finally {
                late.get().close();
            }
        }
    }

    @Test
    void reports_a_crm_that_cannot_be_reached_as_unavailable() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        CrmConfig config = new CrmConfig();
        config.setBaseUrl("http://127.0.0.1:" + port);
        config.setRetryBackoff(Duration.ofMillis(10));
        try (HttpCrmClient crm = new HttpCrmClient(config)) {
            assertThatThrownBy(() -> crm.findOrder("A1B2C3")).satisfies(kind(CrmException.Kind.UNAVAILABLE));
        }
    }

    // ---- strict reading

    @ParameterizedTest
    @ValueSource(strings = {"<html>Service temporarily unavailable</html>", "", "{", "[]", "null", "42",
            "{\"id\":\"A1B2C3\"}",
            "{\"id\":\"K7P2Q9\",\"customerEmail\":\"maya.thompson@example.com\",\"status\":\"delivered\","
                    + "\"placedAt\":\"2025-06-07T08:05:00Z\",\"items\":[],\"total\":89.00,\"currency\":\"USD\"}",
            "{\"id\":\"A1B2C3\",\"customerEmail\":\"maya.thompson@example.com\",\"status\":\"lost_in_space\","
                    + "\"placedAt\":\"2025-06-07T08:05:00Z\",\"items\":[],\"total\":89.00,\"currency\":\"USD\"}",
            "{\"id\":\"A1B2C3\",\"customerEmail\":\"maya.thompson@example.com\",\"status\":\"shipped\","
                    + "\"placedAt\":\"yesterday\",\"items\":[],\"total\":89.00,\"currency\":\"USD\"}",
            "{\"id\":\"A1B2C3\",\"customerEmail\":\"maya.thompson@example.com\",\"status\":\"shipped\","
                    + "\"placedAt\":\"2025-06-07T08:05:00Z\",\"items\":[{\"sku\":\"X\",\"name\":\"Y\","
                    + "\"quantity\":1.5,\"price\":1}],\"total\":89.00,\"currency\":\"USD\"}",
            "{\"id\":\"A1B2C3\",\"customerEmail\":\"maya.thompson@example.com\",\"status\":\"shipped\","
                    + "\"placedAt\":\"2025-06-07T08:05:00Z\",\"items\":[],\"total\":\"lots\",\"currency\":\"USD\"}",
            "{\"id\":\"A1B2C3\",\"customerEmail\":\"maya.thompson@example.com\",\"status\":\"shipped\","
                    + "\"placedAt\":\"2025-06-07T08:05:00Z\",\"items\":[],\"total\":1,\"currency\":\"USD\"} trailing"})
    void refuses_an_order_answer_it_cannot_trust(String body) {
        fake.failNext("GET /orders/", new Status(200, body));
        assertThatThrownBy(() -> client().findOrder("A1B2C3")).isInstanceOf(CrmException.class)
                .satisfies(kind(CrmException.Kind.BAD_RESPONSE));
        assertThat(fake.count("GET /orders/")).as("a bad answer is not retried").isEqualTo(1);
    }

    @Test
    void refuses_a_customer_or_refund_answer_it_cannot_trust() {
        HttpCrmClient crm = client();
        fake.failNext("GET /customers", new Status(200,
                "{\"id\":\"C1002\",\"email\":\"jonas.becker@example.com\",\"name\":\"Jonas\",\"orders\":[]}"));
        assertThatThrownBy(() -> crm.findCustomerByEmail("maya.thompson@example.com"))
                .satisfies(kind(CrmException.Kind.BAD_RESPONSE));
        fake.failNext("GET /customers", new Status(200, "{\"id\":\"C1\",\"email\":\"maya.thompson@example.com\"}"));
        assertThatThrownBy(() -> crm.findCustomerByEmail("maya.thompson@example.com"))
                .satisfies(kind(CrmException.Kind.BAD_RESPONSE));
        fake.failNext("POST /refunds", new Status(201, "{\"refundId\":\"R1\",\"status\":\"maybe\"}"));
        assertThatThrownBy(() -> crm.requestRefund(refund("K7P2Q9", "1.00", "USD")))
                .satisfies(kind(CrmException.Kind.BAD_RESPONSE));
        fake.failNext("POST /refunds", new Status(201, "{\"status\":\"requested\"}"));
        assertThatThrownBy(() -> crm.requestRefund(refund("K7P2Q9", "1.00", "USD")))
                .satisfies(kind(CrmException.Kind.BAD_RESPONSE));
    }

    @Test
    void reports_unexpected_statuses_without_following_redirects() {
        HttpCrmClient crm = client();
        fake.failNext("GET /orders/", new Status(302, ""));
        assertThatThrownBy(() -> crm.findOrder("A1B2C3")).satisfies(kind(CrmException.Kind.BAD_RESPONSE));
        fake.failNext("POST /refunds", new Status(422, "{\"error\":\"invalid\"}"));
        assertThatThrownBy(() -> crm.requestRefund(refund("K7P2Q9", "1.00", "USD")))
                .satisfies(kind(CrmException.Kind.BAD_RESPONSE));
        fake.failNext("POST /refunds", new Status(500, ""));
        assertThatThrownBy(() -> crm.requestRefund(refund("K7P2Q9", "1.00", "USD")))
                .satisfies(kind(CrmException.Kind.UNAVAILABLE));
    }

    @Test
    void refuses_a_huge_body_with_or_without_a_declared_length() {
        HttpCrmClient crm = client(c -> c.setMaxResponseBytes(64 * 1024));
        fake.failNext("GET /orders/", new Huge(5_000_000, true), new Huge(5_000_000, false));
        assertThatThrownBy(() -> crm.findOrder("A1B2C3")).satisfies(kind(CrmException.Kind.BAD_RESPONSE));
        assertThatThrownBy(() -> crm.findOrder("A1B2C3")).satisfies(kind(CrmException.Kind.BAD_RESPONSE));
        assertThat(fake.count("GET /orders/")).isEqualTo(2);
        // and the client is fine afterwards
        assertThat(crm.findOrder("A1B2C3")).isPresent();
    }

    // ---- credentials

    @Test
    void sends_the_token_as_a_bearer_header() {
        client().findOrder("A1B2C3");
        assertThat(fake.requests()).extracting(FakeCrmServer.Recorded::authorization)
                .containsOnly(Optional.of("Bearer " + TOKEN));
    }

    @Test
    void sends_no_authorization_header_without_a_token() {
        HttpCrmClient crm = client(c -> c.setToken(""));
        assertThatThrownBy(() -> crm.findOrder("A1B2C3")).satisfies(kind(CrmException.Kind.UNAUTHORIZED));
        assertThat(fake.requests()).extracting(FakeCrmServer.Recorded::authorization).containsOnly(Optional.empty());
    }

    @Test
    void reports_refused_credentials_as_unauthorized_without_retrying() {
        assertThatThrownBy(() -> client(c -> c.setToken("wrong")).findOrder("A1B2C3"))
                .satisfies(kind(CrmException.Kind.UNAUTHORIZED));
        fake.failNext("POST /refunds", new Status(403, "{}"));
        assertThatThrownBy(() -> client().requestRefund(refund("K7P2Q9", "1.00", "USD")))
                .satisfies(kind(CrmException.Kind.UNAUTHORIZED));
        assertThat(fake.requests()).hasSize(2);
    }

    @Test
    void logs_neither_the_token_nor_email_addresses() {
        ch.qos.logback.classic.Logger logger =
                (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.chatbot.connectors.crm");
        Level before = logger.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.DEBUG);
        List<String> messages = new ArrayList<>();
        try {
            HttpCrmClient crm = client();
            crm.findOrder("A1B2C3");
            crm.findCustomerByEmail("maya.thompson@example.com");
            fake.failNext("GET /customers", new Status(503, ""), new Status(503, ""), new Status(503, ""));
            try {
                crm.findCustomerByEmail("priya.shah@example.com");
            } catch (CrmException e) {
                messages.add(e.getMessage());
            }
            fake.failNext("GET /customers", new Hang(), new Hang(), new Hang());
            try {
                client(c -> c.setTotalTimeout(Duration.ofMillis(600))).findCustomerByEmail("sofia.rossi@example.com");
            } catch (CrmException e) {
                messages.add(e.getMessage());
            }
            try {
                client(c -> c.setToken("wrong-" + TOKEN)).findCustomerByEmail("ethan.park@example.com");
            } catch (CrmException e) {
                messages.add(e.getMessage());
            }
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(before);
        }
        assertThat(appender.list).as("the calls were logged").hasSizeGreaterThan(5);
        for (ILoggingEvent event : appender.list) {
            messages.add(event.getFormattedMessage() + " " + event.getKeyValuePairs());
        }
        assertThat(messages).hasSizeGreaterThan(8).allSatisfy(m -> assertThat(m)
                .doesNotContain(TOKEN).doesNotContain("@example.com").doesNotContain("example.com"));
    }

    // ---- cancelling, the extension

    @ParameterizedTest
    @ValueSource(ints = {404, 405, 501})
    void reports_a_crm_without_cancelling_as_unsupported(int status) {
        fake.withoutCancel(status);
        assertThatThrownBy(() -> client().cancelOrder("M4N8R2")).satisfies(kind(CrmException.Kind.UNSUPPORTED));
        assertThat(client().findOrder("M4N8R2").orElseThrow().status()).isEqualTo(OrderStatus.PENDING);
    }

    @Test
    void tells_an_unknown_order_from_a_missing_cancel_operation() {
        fake.withoutCancel(404);
        assertThatThrownBy(() -> client().cancelOrder("Z9Z9Z9")).isInstanceOf(UnknownOrderException.class);
    }

    @Test
    void refuses_a_cancel_answer_whose_order_is_not_cancelled() {
        String shipped = "{\"id\":\"M4N8R2\",\"customerEmail\":\"maya.thompson@example.com\",\"status\":\"pending\","
                + "\"placedAt\":\"2025-06-15T21:45:00Z\",\"items\":[],\"total\":58.95,\"currency\":\"USD\"}";
        fake.failNext("POST /orders/M4N8R2/cancel", new Status(200, shipped), new Status(409, "{\"error\":\"no\"}"));
        assertThatThrownBy(() -> client().cancelOrder("M4N8R2")).satisfies(kind(CrmException.Kind.BAD_RESPONSE));
        assertThatThrownBy(() -> client().cancelOrder("M4N8R2")).satisfies(kind(CrmException.Kind.BAD_RESPONSE));
    }

    // ---- URLs

    @Test
    void encodes_ids_and_email_addresses_so_they_cannot_change_the_url() {
        HttpCrmClient crm = client();
        crm.findOrder("../admin");
        crm.findOrder("A1B2C3?x=1#frag");
        crm.findOrder("' OR 1=1 --");
        crm.findCustomerByEmail("a+b c@example.com&email=maya.thompson@example.com");
        assertThat(fake.requests()).extracting(r -> r.rawPath() + (r.rawQuery() == null ? "" : "?" + r.rawQuery()))
                .containsExactly(
                        "/api/orders/..%2Fadmin",
                        "/api/orders/A1B2C3%3Fx%3D1%23frag",
                        "/api/orders/%27%20OR%201%3D1%20--",
                        "/api/customers?email=a%2Bb%20c%40example.com%26email%3Dmaya.thompson%40example.com");
        assertThat(fake.outsidePrefix()).isEmpty();
    }
}
