package dev.chatbot.connectors.metrics;

import jakarta.inject.Singleton;

/**
 * Latency of the chat gateway as the server sees it, from the moment a customer frame is handed to the socket
 * handler on the event loop: until its {@code ack} is written to the socket, and until the bot's reply to it (the
 * first bot or system message after it) is written. Both include waiting for a worker, the store and, for the turn,
 * the NLU, the dialogue and the reply's storage; neither includes the network or the client.
 */
@Singleton
public final class GatewayMetrics {

    private final LatencyHistogram ack = new LatencyHistogram("chatbot_gateway_ack_seconds",
            "Customer message frame received to its ack written to the socket.");
    private final LatencyHistogram turn = new LatencyHistogram("chatbot_gateway_bot_turn_seconds",
            "Customer message frame received to the bot's reply written to the socket.");

    public void ackWritten(long receivedNanos, long nowNanos) {
        ack.record(nowNanos - receivedNanos);
    }

    public void replyWritten(long receivedNanos, long nowNanos) {
        turn.record(nowNanos - receivedNanos);
    }

    public LatencyHistogram ack() {
        return ack;
    }

    public LatencyHistogram turn() {
        return turn;
    }

    /** Every gateway metric in Prometheus' text format. */
    public String prometheusText() {
        StringBuilder out = new StringBuilder(16_384);
        ack.writePrometheus(out);
        turn.writePrometheus(out);
        return out.toString();
    }
}
