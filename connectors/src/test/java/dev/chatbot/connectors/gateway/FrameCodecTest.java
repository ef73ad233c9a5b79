package dev.chatbot.connectors.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatbot.core.conversation.Message;
import dev.chatbot.core.conversation.MessageSource;
import dev.chatbot.core.conversation.Role;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Frames against the golden JSON fixtures in {@code src/test/resources/protocol}, which the widget tests read too. */
class FrameCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final FrameCodec codec = new FrameCodec(4000);

    private static JsonNode fixture(String name) throws IOException {
        try (InputStream in = FrameCodecTest.class.getResourceAsStream("/protocol/" + name)) {
            assertThat(in).as(name).isNotNull();
            return JSON.readTree(in);
        }
    }

    private String fixtureText(String name) throws IOException {
        return fixture(name).toString();
    }

    private void assertWrites(ServerFrame frame, String fixture) throws IOException {
        JsonNode written = JSON.readTree(codec.write(frame));
        assertThat(written).isEqualTo(fixture(fixture));
        assertThat(written.fieldNames().next()).isEqualTo("type");
    }

    @Test
    void writes_every_server_frame_as_in_its_fixture() throws IOException {
        assertWrites(new ServerFrame.Ack("c-7f3a", 13), "server/ack.json");
        assertWrites(ServerFrame.MessageFrame.of(new Message("conv", 13, Role.CUSTOMER, "Where is my order A1B2C3?",
                Instant.parse("2026-11-23T10:15:30.123456Z"), Optional.of("c-7f3a"), Optional.empty(), List.of(), List.of())),
                "server/message-customer.json");
        assertWrites(ServerFrame.MessageFrame.of(new Message("conv", 14, Role.BOT, "Standard shipping takes 3-5 business days.",
                Instant.parse("2026-11-23T10:15:30.456Z"), Optional.empty(), Optional.empty(),
                List.of("Track my order", "Talk to a person"),
                List.of(new MessageSource("shipping-times", "How long does shipping take?")))), "server/message-bot.json");
        assertWrites(ServerFrame.MessageFrame.of(new Message("conv", 15, Role.AGENT,
                "Hi, I am Dana from support. Let me check that for you.", Instant.parse("2026-11-23T10:16:02Z"),
                Optional.empty(), Optional.of("Dana"), List.of(), List.of())), "server/message-agent.json");
        assertWrites(new ServerFrame.Partial("c-7f3a", "Standard shipping "), "server/partial.json");
        assertWrites(new ServerFrame.State("waiting_for_agent"), "server/state.json");
        assertWrites(new ServerFrame.Typing("bot"), "server/typing.json");
        assertWrites(new ServerFrame.Error("text_too_long",
                "The message is longer than 4000 characters; please shorten it."), "server/error.json");
    }

    @Test
    void reads_every_client_frame_in_its_fixture() throws Exception {
        assertThat(codec.parse(fixtureText("client/message.json")))
                .isEqualTo(new ClientFrame.SendMessage("c-7f3a", "Where is my order A1B2C3?"));
        assertThat(codec.parse(fixtureText("client/resume.json"))).isEqualTo(new ClientFrame.Resume(12));
        assertThat(codec.parse(fixtureText("client/typing.json"))).isEqualTo(new ClientFrame.Typing());
        assertThat(codec.parse(fixtureText("client/rating.json")))
                .isEqualTo(new ClientFrame.Rating(5, Optional.of("Quick and helpful, thanks!")));
    }

    @Test
    void ignores_unknown_extra_fields_from_newer_widgets() throws Exception {
        assertThat(codec.parse("{\"type\":\"typing\",\"since\":123}")).isEqualTo(new ClientFrame.Typing());
    }

    @Test
    void strips_surrounding_whitespace_and_control_characters_from_text() throws Exception {
        assertThat(codec.parse("{\"type\":\"message\",\"clientId\":\"a\",\"text\":\"  hi\\u0000 there\\u202e \\n\"}"))
                .isEqualTo(new ClientFrame.SendMessage("a", "hi there"));
    }

    @Test
    void counts_the_limit_in_characters_not_utf16_units() throws Exception {
        String emoji = "\uD83D\uDE00".repeat(4000);
        assertThat(codec.parse("{\"type\":\"message\",\"clientId\":\"a\",\"text\":\"" + emoji + "\"}"))
                .isInstanceOf(ClientFrame.SendMessage.class);
    }

    @Test
    void refuses_deeply_nested_json() {
        String deep = "{\"type\":\"typing\",\"x\":" + "[".repeat(100) + "]".repeat(100) + "}";
        assertThatThrownBy(() -> codec.parse(deep)).isInstanceOf(FrameException.class)
                .extracting(e -> ((FrameException) e).code()).isEqualTo("malformed_json");
    }

    @Test
    void refuses_numbers_where_whole_numbers_are_expected() {
        assertThatThrownBy(() -> codec.parse("{\"type\":\"resume\",\"afterSeq\":1.5}")).isInstanceOf(FrameException.class);
        assertThatThrownBy(() -> codec.parse("{\"type\":\"resume\",\"afterSeq\":\"3\"}")).isInstanceOf(FrameException.class);
        assertThatThrownBy(() -> codec.parse("{\"type\":\"resume\",\"afterSeq\":99999999999999999999999}"))
                .isInstanceOf(FrameException.class);
    }
}
