package dev.chatbot.core.dialogue;

import dev.chatbot.core.conversation.NewMessage;
import dev.chatbot.core.crm.Order;
import dev.chatbot.core.crm.OrderItem;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The bot's own sentences (English). Everything the customer reads that does not come from the training data, the
 * FAQ, the CRM or an agent is here, in one place, plain text.
 */
public final class BotTexts {

    public static final String TALK_TO_PERSON = "Talk to a person";
    public static final String NO_THANKS = "No, thanks";

    public static final String ASK_ORDER_ID = "Sure, I can help with that. What's your order number? It has 6 letters "
            + "and digits, like A1B2C3, and it's in your order confirmation e-mail.";
    public static final String ORDER_ID_HINT = "I need the order number to look it up: 6 letters and digits, like "
            + "A1B2C3. You'll find it in the subject of your order confirmation e-mail.";
    public static final String ASK_EMAIL = "Thanks. To keep your order details safe, what's the e-mail address you "
            + "used for the order?";
    public static final String EMAIL_HINT = "Please type the e-mail address you used when you placed the order, "
            + "like name@example.com.";
    public static final String GIVING_UP_ON_SLOT = "I'm having trouble getting the details I need.";
    public static final String VERIFICATION_LOCKED = "I couldn't match those details to an order, so I'll stop "
            + "checking here for your security. I'm passing you to a person from our team who can help.";
    public static final String CRM_UNAVAILABLE = "I can't reach our order system right now. Please try again in a "
            + "few minutes.";
    public static final String CANT_ANSWER = "Sorry, I can't answer that one.";
    public static final String NOT_SURE = "I'm not sure about that one, and I'd rather not guess.";
    public static final String REFUSED = "I can't help with that request.";
    public static final String BUSY = "I'm answering a lot of questions at the moment. Please ask again in a minute.";
    public static final String ESCALATED = "I'm connecting you with a person from our team. They'll see this "
            + "conversation, so you won't need to repeat yourself. Please stay here; you can keep writing meanwhile.";
    public static final String ESCALATED_RISKY = "This is something a person from our team should handle. I'm "
            + "connecting you now; they'll see this conversation, so you won't need to repeat yourself.";
    public static final String NO_AGENT_AVAILABLE = "No one from our team is available right now, sorry for the "
            + "wait. I'll keep helping you here, and you can leave your e-mail address so that a person gets back to "
            + "you.";
    public static final String DECLINED_HUMAN = "No problem. Is there anything else I can help you with?";
    public static final String RESUME_FORM = "Shall we get back to your earlier request? Just give me the order "
            + "number when you're ready.";
    public static final String OKAY_NOTHING_DONE = "Okay, I haven't changed anything. Anything else I can do for you?";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

    private BotTexts() {
    }

    /** A bot message that offers a person, with quick replies for the answer. */
    public static NewMessage offerHuman(String sentence) {
        return new NewMessage(dev.chatbot.core.conversation.Role.BOT,
                sentence + " Would you like me to connect you with a person?", Optional.empty(), Optional.empty(),
                List.of(TALK_TO_PERSON, NO_THANKS), List.of());
    }

    public static String verificationFailed(String orderId) {
        return "I couldn't find an order " + orderId + " with that e-mail address. Could you check both and send me "
                + "the order number again?";
    }

    public static String money(BigDecimal amount, String currency) {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString() + " " + currency;
    }

    public static String day(Instant instant) {
        return DAY.format(instant.atZone(ZoneOffset.UTC));
    }

    public static String day(LocalDate date) {
        return DAY.format(date);
    }

    public static String items(Order order) {
        return order.items().stream().map(BotTexts::item).collect(Collectors.joining(", "));
    }

    private static String item(OrderItem i) {
        return (i.quantity() > 1 ? i.quantity() + " x " : "") + i.name();
    }

    /** a***@example.com */
    public static String maskEmail(String email) {
        int at = email.indexOf('@');
        if (at <= 1) {
            return email;
        }
        return email.charAt(0) + "***" + email.substring(at);
    }
}
