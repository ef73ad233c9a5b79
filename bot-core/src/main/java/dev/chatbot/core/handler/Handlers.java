package dev.chatbot.core.handler;

import dev.chatbot.core.crm.CrmClient;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The built-in rule handlers, by the names intent files use. */
public final class Handlers {

    private Handlers() {
    }

    public static Map<String, IntentHandler> builtIn(CrmClient crm) {
        return List.<IntentHandler>of(
                        new OrderStatusHandler(crm),
                        new CancelOrderHandler(crm),
                        new RefundRequestHandler(crm),
                        new ReturnItemHandler(crm),
                        new ChangeAddressHandler(crm))
                .stream().collect(Collectors.toUnmodifiableMap(IntentHandler::name, Function.identity()));
    }

    /** Handler names, for the training-data validator ("unknown handler"). */
    public static java.util.Set<String> names() {
        return builtIn(null).keySet();
    }
}
