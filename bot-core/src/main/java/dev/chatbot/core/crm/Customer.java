package dev.chatbot.core.crm;

import java.util.List;

/** A customer and the ids of their orders (contracts section 4). */
public record Customer(String id, String email, String name, List<String> orderIds) {

    public Customer {
        orderIds = List.copyOf(orderIds);
    }
}
