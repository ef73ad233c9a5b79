package dev.chatbot.connectors.security;

import dev.chatbot.connectors.agent.StaffApi;
import dev.chatbot.connectors.testing.ChatClient;
import dev.chatbot.connectors.testing.TestServer;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static dev.chatbot.connectors.agent.StaffApi.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route of the running server, read from Micronaut's router (not a hand-written list), is checked for who may
 * call it: agent and admin APIs refuse no credentials and customer widget tokens (401) and admin APIs refuse agents
 * (403). A route added later that falls in none of the guarded areas and is not in {@link #PUBLIC} fails the test.
 */
class RouteRolesIT {

    /**
     * Routes anyone may call, with the reason. Keys are "METHOD template" exactly as the router reports them.
     */
    static final Map<String, String> PUBLIC = Map.of(
            "POST /api/widget/sessions", "starts an anonymous customer conversation; returns its only key (rate limits: docs/security.md)",
            "GET /api/widget/conversations/{id}/messages", "customer history: guarded by the widget token of that one conversation (checked below)",
            "GET /ws/chat", "customer socket: guarded by the widget token and the origin policy (ChatBadInputIT)",
            "POST /api/auth/login", "staff sign-in itself (throttled: LoginLimitsIT)",
            "GET /health", "load balancer probe; shows no data",
            "HEAD /health", "Micronaut's automatic HEAD for GET /health",
            "HEAD /api/widget/conversations/{id}/messages", "Micronaut's automatic HEAD for the customer history (same token check)",
            "GET /metrics", "Prometheus scrape: needs the configured CHATBOT_METRICS_TOKEN as bearer, 404 when none is set (MetricsEndpointIT)",
            "HEAD /metrics", "Micronaut's automatic HEAD for GET /metrics (same token check)");

    private static TestServer server;
    private static StaffApi api;
    private static String admin;
    private static String agent;
    private static String widget;

    @BeforeAll
    static void start() {
        server = TestServer.start(StaffApi.settings());
        api = new StaffApi(server);
        admin = api.adminToken();
        agent = api.newAgent("route-agent", "Route Agent");
        widget = server.newSession().token();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Route(String method, String template) {
        String key() {
            return method + " " + template;
        }

        /** A concrete path: every variable filled with a harmless value. */
        String path() {
            return template.replaceAll("\\{[^}]*}", "x1");
        }
    }

    private static List<Route> routes() {
        List<Route> all = new ArrayList<>();
        server.context().getBean(Router.class).uriRoutes().forEach((UriRouteInfo<?, ?> r) ->
                all.add(new Route(r.getHttpMethodName(), r.getUriMatchTemplate().toString())));
        return all;
    }

    private static HttpResponse<String> call(Route r, String token) {
        String body = Set.of("GET", "HEAD", "DELETE").contains(r.method()) ? null : "{}";
        return api.send(r.method(), r.path(), token, body, Map.of("Origin", api.origin()));
    }

    @Test
    void the_router_reports_the_routes_this_test_relies_on() {
        Set<String> keys = new TreeSet<>();
        routes().forEach(r -> keys.add(r.key()));
        // a sanity check that the enumeration sees controllers and sockets, so the checks below are not vacuous
        assertThat(keys).contains("GET /api/admin/users", "POST /api/agent/conversations/{id}/claim",
                "GET /api/agent/conversations", "GET /ws/agent", "GET /ws/chat", "POST /api/widget/sessions");
        assertThat(keys.size()).isGreaterThan(40);
    }

    @Test
    void every_route_is_either_guarded_by_the_staff_filter_or_on_the_public_list_with_a_reason() {
        List<String> unclassified = new ArrayList<>();
        for (Route r : routes()) {
            if (!PUBLIC.containsKey(r.key()) && !isStaffArea(r.template())) {
                unclassified.add(r.key());
            }
        }
        assertThat(unclassified).as("routes with no role rule: put them under /api/agent, /api/admin or /api/auth, "
                + "or add them to RouteRolesIT.PUBLIC with the reason").isEmpty();
        for (String key : PUBLIC.keySet()) {
            assertThat(routes()).as("public route %s still exists", key).anyMatch(r -> r.key().equals(key));
        }
    }

    private static boolean isStaffArea(String template) {
        return template.startsWith("/api/admin/") || template.equals("/api/admin")
                || template.startsWith("/api/agent/") || template.startsWith("/api/auth/")
                || template.equals("/ws/agent");
    }

    @Test
    void every_admin_route_refuses_no_token_and_widget_tokens_with_401_and_agents_with_403() {
        int checked = 0;
        for (Route r : routes()) {
            if (!r.template().startsWith("/api/admin")) {
                continue;
            }
            assertThat(call(r, null).statusCode()).as("%s without a token", r.key()).isEqualTo(401);
            HttpResponse<String> asCustomer = call(r, widget);
            assertThat(asCustomer.statusCode()).as("%s with a customer widget token", r.key()).isEqualTo(401);
            HttpResponse<String> asAgent = call(r, agent);
            assertThat(asAgent.statusCode()).as("%s as an agent", r.key()).isEqualTo(403);
            if (!r.method().equals("HEAD")) {
                assertThat(json(asCustomer).get("error").asText()).isEqualTo("invalid_token");
                assertThat(json(asAgent).get("error").asText()).isEqualTo("forbidden");
            }
            if (r.method().equals("GET") || r.method().equals("HEAD")) {
                assertThat(call(r, admin).statusCode()).as("%s as the admin", r.key()).isNotIn(401, 403);
            }
            checked++;
        }
        assertThat(checked).as("admin routes checked").isGreaterThan(25);
    }

    @Test
    void every_agent_and_account_route_refuses_no_token_and_widget_tokens_with_401_and_lets_agents_read() {
        int checked = 0;
        for (Route r : routes()) {
            boolean agentArea = r.template().startsWith("/api/agent/");
            boolean accountArea = r.template().startsWith("/api/auth/") && !r.template().equals("/api/auth/login");
            if (!agentArea && !accountArea) {
                continue;
            }
            assertThat(call(r, null).statusCode()).as("%s without a token", r.key()).isEqualTo(401);
            assertThat(call(r, widget).statusCode()).as("%s with a customer widget token", r.key()).isEqualTo(401);
            if (r.method().equals("GET") || r.method().equals("HEAD")) {
                assertThat(call(r, agent).statusCode()).as("%s as an agent", r.key()).isNotIn(401, 403);
            }
            checked++;
        }
        assertThat(checked).as("agent and account routes checked").isGreaterThan(10);
    }

    @Test
    void the_staff_socket_refuses_no_token_and_customer_tokens_and_greets_an_agent() {
        for (String query : new String[]{"", "?token=" + widget}) {
            try (ChatClient c = ChatClient.connect(server.ws("/ws/agent" + query), Map.of("Origin", api.origin()))) {
                assertThat(c.awaitClose()).as("/ws/agent%s", query.isEmpty() ? "" : " with a widget token").isEqualTo(4401);
            }
        }
        try (ChatClient c = ChatClient.connect(server.ws("/ws/agent?token=" + agent), Map.of("Origin", api.origin()))) {
            assertThat(c.awaitType("hello").at("/user/role").asText()).isEqualTo("agent");
        }
    }

    @Test
    void customer_history_needs_the_widget_token_of_that_conversation() {
        TestServer.WidgetSession mine = server.newSession();
        String path = "/api/widget/conversations/" + mine.conversationId() + "/messages";
        assertThat(server.get(path, null).statusCode()).isEqualTo(401);
        assertThat(server.get(path, admin).statusCode()).as("a staff token is not a widget token").isEqualTo(401);
        assertThat(server.get(path, widget).statusCode()).as("another conversation's token").isEqualTo(403);
        assertThat(server.get(path, mine.token()).statusCode()).isEqualTo(200);
    }

    @Test
    void odd_spellings_of_an_admin_path_never_reach_the_admin_api_without_the_admin_role() throws IOException {
        List<String> spellings = List.of("/api/admin//users", "//api/admin/users", "/api/admin/./users",
                "/api/agent/../admin/users", "/api/agent/%2e%2e/admin/users", "/api/Admin/users", "/API/ADMIN/USERS",
                "/api/admin/users/", "/api/%61dmin/users", "/api/admin/%75sers", "/api/admin;x=1/users",
                "/api/admin/users;x=1", "/api/admin/users%00", "/api/admin/users?x=/../..", "/api/admin%2fusers",
                "/./api/admin/users", "/api/./admin/users", "/api/admin/users#x", "/api\\admin\\users");
        for (String path : spellings) {
            for (String token : new String[]{null, agent}) {
                RawResponse r = raw("GET", path, token);
                assertThat(r.status()).as("GET %s %s", path, token == null ? "without a token" : "as an agent")
                        .isNotEqualTo(200).isBetween(400, 499);
                assertThat(r.body()).as(path).doesNotContain("\"username\":\"root\"");
            }
        }
    }

    record RawResponse(int status, String body) {
    }

    /** A request sent byte for byte, so no client library tidies the path first. */
    private static RawResponse raw(String method, String path, String token) throws IOException {
        try (Socket s = new Socket("localhost", server.port())) {
            s.setSoTimeout(10_000);
            StringBuilder req = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: localhost:").append(server.port()).append("\r\nConnection: close\r\n");
            if (token != null) {
                req.append("Authorization: Bearer ").append(token).append("\r\n");
            }
            req.append("\r\n");
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String statusLine = text.lines().findFirst().orElse("");
            String[] parts = statusLine.split(" ");
            int status = parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
            return new RawResponse(status, text);
        }
    }
}
