package dev.chatbot.connectors.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatbot.connectors.config.WidgetConfig;
import dev.chatbot.connectors.http.ApiException;
import dev.chatbot.connectors.http.Json;
import dev.chatbot.connectors.network.AddressLimits;
import dev.chatbot.connectors.network.ClientAddresses;
import dev.chatbot.connectors.security.TokenSigner;
import dev.chatbot.connectors.security.TokenVerdict;
import dev.chatbot.core.conversation.Conversation;
import dev.chatbot.core.conversation.ConversationService;
import dev.chatbot.core.conversation.Message;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The widget's HTTP side: {@code POST /api/widget/sessions} starts a conversation and returns the only key to it,
 * a signed token that expires; {@code GET /api/widget/conversations/{id}/messages} reads history with that token.
 */
@Controller("/api/widget")
@ExecuteOn(TaskExecutors.BLOCKING)
public class WidgetSessionController {

    private static final Pattern LOCALE = Pattern.compile("[a-z]{2,3}(-[A-Za-z]{2,4})?");
    /** No control characters: PostgreSQL cannot store NUL in text, and none belongs in an address. */
    private static final Pattern EMAIL = Pattern.compile(
            "[^@\\s<>\"\\p{Cc}]{1,64}@[^@\\s<>\"\\p{Cc}]{1,255}\\.[^@\\s<>\"\\p{Cc}]{2,63}");

    private final ConversationService conversations;
    private final TokenSigner tokens;
    private final WidgetConfig config;
    private final Clock clock;
    private final FrameCodec codec;
    private final ClientAddresses clientAddresses;
    private final AddressLimits addressLimits;

    public WidgetSessionController(ConversationService conversations, TokenSigner tokens, WidgetConfig config,
                                   Clock clock, ClientAddresses clientAddresses, AddressLimits addressLimits) {
        this.clientAddresses = clientAddresses;
        this.addressLimits = addressLimits;
        this.conversations = conversations;
        this.tokens = tokens;
        this.config = config;
        this.clock = clock;
        this.codec = new FrameCodec(config.getMaxTextLength());
    }

    @Post(uri = "/sessions", consumes = {MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN}, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> create(HttpRequest<?> http, @Body @Nullable String body) {
        if (!addressLimits.of(clientAddresses.of(http)).takeSession(System.nanoTime())) {
            return Json.error(new ApiException(HttpStatus.TOO_MANY_REQUESTS, "rate_limited",
                            "Too many chats were started from your network. Please wait a moment, then try again."))
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(addressLimits.sessionRetryAfter().toSeconds()));
        }
        ObjectNode request = Json.object(body, Set.of("locale", "email"));
        String locale = Json.optionalText(request, "locale").map(String::strip).orElse("en");
        if (!LOCALE.matcher(locale).matches()) {
            throw ApiException.badRequest("invalid_field", "Field 'locale' must look like 'en' or 'en-GB'.");
        }
        Optional<String> email = Json.optionalText(request, "email").map(String::strip).filter(e -> !e.isEmpty());
        if (email.isPresent() && !EMAIL.matcher(email.get()).matches()) {
            throw ApiException.badRequest("invalid_field", "Field 'email' is not an e-mail address.");
        }
        Conversation c = conversations.start(locale, email.map(e -> e.toLowerCase(Locale.ROOT)));
        String token = tokens.issue(ChatSocket.TOKEN_PURPOSE, c.id(), config.getTokenTtl());
        ObjectNode out = Json.MAPPER.createObjectNode()
                .put("conversationId", c.id())
                .put("token", token)
                .put("expiresAt", clock.instant().plus(config.getTokenTtl()).toString());
        return Json.status(HttpStatus.CREATED, out);
    }

    @Get(uri = "/conversations/{id}/messages", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> history(@PathVariable String id,
                                        @Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                        @QueryValue(defaultValue = "0") long afterSeq) {
        String token = authorization != null && authorization.startsWith("Bearer ")
                ? authorization.substring(7).strip() : null;
        TokenVerdict verdict = tokens.verify(ChatSocket.TOKEN_PURPOSE, token);
        if (!verdict.isValid()) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "invalid_token", "The token is missing, invalid or expired.");
        }
        if (!verdict.subject().get().equals(id)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "This token does not grant access to that conversation.");
        }
        if (afterSeq < 0) {
            throw ApiException.badRequest("invalid_field", "afterSeq must not be negative.");
        }
        Conversation c = conversations.find(id).orElseThrow(() ->
                new ApiException(HttpStatus.NOT_FOUND, "not_found", "The conversation no longer exists."));
        List<Message> messages = conversations.messagesAfter(id, afterSeq, config.getHistoryPageSize());
        ObjectNode out = Json.MAPPER.createObjectNode()
                .put("conversationId", c.id())
                .put("state", c.state().wireName())
                .put("lastSeq", c.lastSeq());
        ArrayNode list = out.putArray("messages");
        for (Message m : messages) {
            list.add(codec.toJson(ServerFrame.MessageFrame.of(m)));
        }
        return Json.ok(out);
    }
}
