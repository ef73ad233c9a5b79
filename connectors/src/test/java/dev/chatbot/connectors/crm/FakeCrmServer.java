package dev.chatbot.connectors.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.chatbot.core.crm.Customer;
import dev.chatbot.core.crm.Order;
import dev.chatbot.core.crm.OrderItem;
import dev.chatbot.core.crm.OrderStatus;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * TEST DOUBLE of an external service: a shop CRM speaking contracts section 4 (plus the cancel extension), on the
 * JDK's built-in HTTP server, serving the demo data in memory. It answers the way docs/crm.md describes a CRM
 * should, records every request it receives (raw path, query, headers, body), and can be told to misbehave for the
 * next requests: answer with a status, hang, drop the connection, send garbage or a huge body, or carry out a
 * request and then fail.
 */
public final class FakeCrmServer implements AutoCloseable {

    /** One request as it arrived. */
    record Recorded(String method, String rawPath, String rawQuery, Optional<String> authorization, String body) {
    }

    /** A way to misbehave for one request. */
    public sealed interface Fault {
    }

    /** Answer with this status and body instead of doing anything. */
    record Status(int status, String body) implements Fault {
    }

    /** Never answer (until the server closes). */
    public record Hang() implements Fault {
    }

    /** Close the connection without an answer. */
    record Drop() implements Fault {
    }

    /** Answer 200 with a body of this many bytes, with or without a Content-Length header. */
    record Huge(int bytes, boolean declareLength) implements Fault {
    }

    /** Carry the request out, then answer with this status instead of the real answer. */
    record ProcessThenStatus(int status) implements Fault {
    }

    /** Carry the request out, then never answer. */
    record ProcessThenHang() implements Fault {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final String prefix;
    private final Optional<String> token;
    private final List<Recorded> requests = Collections.synchronizedList(new ArrayList<>());
    private final Deque<Map.Entry<String, Fault>> faults = new ArrayDeque<>();
    private final AtomicInteger refundSeq = new AtomicInteger();

    // the CRM's data; guarded by this
    private final Map<String, Order> orders = new LinkedHashMap<>();
    private final Map<String, Customer> customersByEmail = new HashMap<>();
    private final Map<String, List<ObjectNode>> refunds = new HashMap<>();
    private int cancelStatus = 0; // 0: cancelling works; else the status the cancel endpoint answers

    private FakeCrmServer(HttpServer server, String prefix, Optional<String> token) {
        this.server = server;
        this.prefix = prefix;
        this.token = token;
    }

    /** Starts on a free loopback port, serving under {@code prefix} (e.g. {@code /crm/v1}), requiring the token if given. */
    public static FakeCrmServer start(DemoCrmData data, String prefix, Optional<String> token) {
        return start(0, data, prefix, token);
    }

    static FakeCrmServer start(int port, DemoCrmData data, String prefix, Optional<String> token) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            FakeCrmServer fake = new FakeCrmServer(http, prefix, token);
            fake.reset(data);
            http.setExecutor(fake.executor);
            http.createContext("/", fake::handle);
            http.start();
            return fake;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake CRM", e);
        }
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + prefix);
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Back to the demo data, no recorded requests, no pending faults, cancelling enabled. */
    synchronized void reset(DemoCrmData data) {
        orders.clear();
        customersByEmail.clear();
        refunds.clear();
        data.orders().forEach(o -> orders.put(o.id(), o));
        data.customers().forEach(c -> customersByEmail.put(c.email().toLowerCase(Locale.ROOT), c));
        requests.clear();
        synchronized (faults) {
            faults.clear();
        }
        cancelStatus = 0;
    }

    /** The next requests whose "METHOD /path-after-prefix" starts with {@code route} misbehave, one fault each. */
    public void failNext(String route, Fault... next) {
        synchronized (faults) {
            for (Fault f : next) {
                faults.add(Map.entry(route, f));
            }
        }
    }

    /** Makes the cancel endpoint answer this status (404, 405, 501 ...) as if it did not exist. */
    synchronized void withoutCancel(int status) {
        cancelStatus = status;
    }

    List<Recorded> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** How many requests matched "METHOD /path-after-prefix" starting with {@code route}. */
    long count(String route) {
        return requests().stream().filter(r -> route(r).startsWith(route)).count();
    }

    /** Requests whose path was not under the prefix: there should never be any. */
    List<Recorded> outsidePrefix() {
        return requests().stream().filter(r -> !r.rawPath().startsWith(prefix + "/")).toList();
    }

    synchronized List<ObjectNode> refundsOf(String orderId) {
        return List.copyOf(refunds.getOrDefault(orderId, List.of()));
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private String route(Recorded r) {
        String path = r.rawPath().startsWith(prefix) ? r.rawPath().substring(prefix.length()) : r.rawPath();
        return r.method() + " " + path;
    }

    private Optional<Fault> takeFault(String route) {
        synchronized (faults) {
            for (var it = faults.iterator(); it.hasNext(); ) {
                var entry = it.next();
                if (route.startsWith(entry.getKey())) {
                    it.remove();
                    return Optional.of(entry.getValue());
                }
            }
        }
        return Optional.empty();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            URI uri = ex.getRequestURI();
            Recorded r = new Recorded(ex.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
                    Optional.ofNullable(ex.getRequestHeaders().getFirst("Authorization")), body);
            requests.add(r);
            Optional<Fault> fault = takeFault(route(r));
            if (fault.isPresent() && !(fault.get() instanceof ProcessThenStatus || fault.get() instanceof ProcessThenHang)) {
                misbehave(ex, fault.get());
                return;
            }
            Answer answer = answer(r);
            if (fault.isPresent()) {
                if (fault.get() instanceof ProcessThenStatus(int status)) {
                    send(ex, status, "{\"error\":\"internal\"}");
                } else {
                    hang();
                }
                return;
            }
            send(ex, answer.status(), answer.body());
        }
    }

    private void misbehave(HttpExchange ex, Fault fault) throws IOException {
        switch (fault) {
            case Status(int status, String body) -> send(ex, status, body);
            case Hang() -> hang();
            case Drop() -> {
                // closing the exchange without sending headers drops the connection
            }
            case Huge(int bytes, boolean declareLength) -> {
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(200, declareLength ? bytes : 0);
                byte[] chunk = new byte[8192];
                java.util.Arrays.fill(chunk, (byte) ' ');
                try (OutputStream out = ex.getResponseBody()) {
                    for (int sent = 0; sent < bytes; sent += chunk.length) {
                        out.write(chunk, 0, Math.min(chunk.length, bytes - sent));
                    }
                } catch (IOException clientGaveUp) {
                    // expected: the client stops reading at its limit
                }
            }
            default -> throw new IllegalStateException("not a plain fault: " + fault);
        }
    }

    private void hang() {
        try {
            closing.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Answer(int status, String body) {
    }

    private Answer answer(Recorded r) {
        if (token.isPresent() && !r.authorization().equals(Optional.of("Bearer " + token.get()))) {
            return new Answer(401, "{\"error\":\"unauthorized\"}");
        }
        if (!r.rawPath().startsWith(prefix + "/")) {
            return new Answer(404, "{\"error\":\"not_found\"}");
        }
        List<String> segments = new ArrayList<>();
        for (String s : r.rawPath().substring(prefix.length() + 1).split("/", -1)) {
            segments.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        String method = r.method();
        if (method.equals("GET") && segments.size() == 2 && segments.get(0).equals("orders")) {
            return findOrder(segments.get(1));
        }
        if (method.equals("GET") && segments.size() == 1 && segments.get(0).equals("customers")) {
            return findCustomer(queryParameter(r.rawQuery(), "email"));
        }
        if (method.equals("POST") && segments.size() == 1 && segments.get(0).equals("refunds")) {
            return refund(r.body());
        }
        if (method.equals("POST") && segments.size() == 3 && segments.get(0).equals("orders")
                && segments.get(2).equals("cancel")) {
            return cancel(segments.get(1));
        }
        return new Answer(404, "{\"error\":\"not_found\"}");
    }

    private synchronized Answer findOrder(String id) {
        Order o = orders.get(id);
        return o == null ? new Answer(404, "{\"error\":\"unknown_order\"}") : new Answer(200, json(o));
    }

    private synchronized Answer findCustomer(Optional<String> email) {
        if (email.isEmpty()) {
            return new Answer(400, "{\"error\":\"email_required\"}");
        }
        Customer c = customersByEmail.get(email.get().strip().toLowerCase(Locale.ROOT));
        if (c == null) {
            return new Answer(404, "{\"error\":\"unknown_customer\"}");
        }
        ObjectNode n = JSON.createObjectNode().put("id", c.id()).put("email", c.email()).put("name", c.name());
        ArrayNode ids = n.putArray("orders");
        c.orderIds().forEach(ids::add);
        return new Answer(200, n.toString());
    }

    private synchronized Answer refund(String body) {
        JsonNode req;
        try {
            req = JSON.readTree(body);
        } catch (IOException e) {
            return new Answer(400, "{\"error\":\"malformed_json\"}");
        }
        if (req == null || !req.path("orderId").isTextual() || !req.path("amount").isNumber()
                || !req.path("currency").isTextual() || !req.path("reason").isTextual()) {
            return new Answer(400, "{\"error\":\"invalid_request\"}");
        }
        Order o = orders.get(req.get("orderId").asText());
        if (o == null) {
            return new Answer(404, "{\"error\":\"unknown_order\"}");
        }
        BigDecimal amount = req.get("amount").decimalValue();
        BigDecimal already = refunds.getOrDefault(o.id(), List.of()).stream()
                .filter(x -> !x.get("status").asText().equals("rejected"))
                .map(x -> x.get("amount").decimalValue()).reduce(BigDecimal.ZERO, BigDecimal::add);
        boolean reject = o.status() == OrderStatus.CANCELLED || !o.currency().equals(req.get("currency").asText())
                || already.add(amount).compareTo(o.total()) > 0;
        String id = "FR" + (1000 + refundSeq.incrementAndGet());
        ObjectNode stored = JSON.createObjectNode().put("refundId", id).put("amount", amount)
                .put("status", reject ? "rejected" : "requested");
        refunds.computeIfAbsent(o.id(), k -> new ArrayList<>()).add(stored);
        return new Answer(201, JSON.createObjectNode().put("refundId", id).put("status", stored.get("status").asText())
                .toString());
    }

    private synchronized Answer cancel(String id) {
        if (cancelStatus != 0) {
            return new Answer(cancelStatus, "{\"error\":\"not_supported\"}");
        }
        Order o = orders.get(id);
        if (o == null) {
            return new Answer(404, "{\"error\":\"unknown_order\"}");
        }
        if (o.status() != OrderStatus.PENDING && o.status() != OrderStatus.PROCESSING) {
            return new Answer(409, json(o));
        }
        Order cancelled = new Order(o.id(), o.customerEmail(), OrderStatus.CANCELLED, o.placedAt(), o.items(),
                o.total(), o.currency(), o.shippedAt(), o.carrier(), o.trackingNumber(), o.deliveredAt(),
                Optional.empty());
        orders.put(id, cancelled);
        return new Answer(200, json(cancelled));
    }

    private static Optional<String> queryParameter(String rawQuery, String name) {
        if (rawQuery == null) {
            return Optional.empty();
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return Optional.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    private static String json(Order o) {
        ObjectNode n = JSON.createObjectNode()
                .put("id", o.id())
                .put("customerEmail", o.customerEmail())
                .put("status", o.status().name().toLowerCase(Locale.ROOT))
                .put("placedAt", o.placedAt().toString());
        ArrayNode items = n.putArray("items");
        for (OrderItem i : o.items()) {
            items.addObject().put("sku", i.sku()).put("name", i.name()).put("quantity", i.quantity())
                    .put("price", i.price());
        }
        n.put("total", o.total()).put("currency", o.currency());
        o.shippedAt().ifPresent(t -> n.put("shippedAt", t.toString()));
        o.carrier().ifPresent(c -> n.put("carrier", c));
        o.trackingNumber().ifPresent(t -> n.put("trackingNumber", t));
        o.deliveredAt().ifPresent(t -> n.put("deliveredAt", t.toString()));
        o.estimatedDelivery().ifPresent(d -> n.put("estimatedDelivery", d.toString()));
        return n.toString();
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
