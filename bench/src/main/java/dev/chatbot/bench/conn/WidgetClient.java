package dev.chatbot.bench.conn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One simulated widget, behaving as docs/protocol.md asks of a client: on every (re)open it sends {@code resume} with
 * the highest {@code seq} it has, and resends its unacknowledged message with the same {@code clientId}. It has at
 * most one message out at a time (a person waits for the answer before typing the next one).
 *
 * <p>It checks what it receives: every {@code seq} it is sent is recorded, so at the end it can tell a skipped one
 * ({@code seq_missing}), one that came after a higher one ({@code seq_out_of_order}) and one sent twice
 * ({@code seq_repeated}; the protocol allows that after a {@code resume} and the client ignores it). An {@code ack}
 * with a different {@code seq} for a {@code clientId} already acknowledged means the message was stored twice. An
 * {@code error} {@code store_unavailable} for the message out is counted, and the message is sent again a second
 * later with the same {@code clientId}, as the protocol tells a client to.
 * Events run on the socket's event loop and on the scenario's thread, hence the one lock.
 */
final class WidgetClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int id;
    private final Tally tally;
    private final boolean remember;
    private WidgetNetwork.Session session;
    private Channel channel;
    private boolean closing;
    private long lastSeq;
    private BitSet seen = new BitSet();
    private int sent;
    private String pendingId;
    private String pendingText;
    private boolean pendingLlm;
    private long pendingSentNanos;
    private long pendingSeq = -1;
    private long answeredAtNanos;
    private boolean handedOver;
    private volatile Runnable lost;
    /** clientId to its acknowledged seq, for the final check against the stored history (only when remembering). */
    private final Map<String, Long> acked = new LinkedHashMap<>();

    WidgetClient(int id, WidgetNetwork.Session session, Tally tally, boolean remember) {
        this.id = id;
        this.session = session;
        this.tally = tally;
        this.remember = remember;
    }

    synchronized WidgetNetwork.Session session() {
        return session;
    }

    synchronized boolean isOpen() {
        return channel != null && channel.isActive();
    }

    synchronized boolean isIdle() {
        return pendingId == null;
    }

    synchronized boolean handedOver() {
        return handedOver;
    }

    synchronized long answeredAtNanos() {
        return answeredAtNanos;
    }

    synchronized long pendingSinceNanos() {
        return pendingId == null ? 0 : pendingSentNanos;
    }

    synchronized long lastSeq() {
        return lastSeq;
    }

    synchronized int sent() {
        return sent;
    }

    synchronized Map<String, Long> acked() {
        return Map.copyOf(acked);
    }

    /** Seqs from 1 to the highest seen that never arrived. */
    synchronized int missing() {
        return (int) (lastSeq - seen.cardinality());
    }

    /** The socket is open: catch up, then resend what was not acknowledged. */
    synchronized void opened(Channel ch) {
        channel = ch;
        closing = false;
        write("{\"type\":\"resume\",\"afterSeq\":" + lastSeq + "}");
        if (pendingId != null && pendingSeq < 0) {
            tally.add("resent");
            write(messageFrame(pendingId, pendingText));
        }
    }

    /** Sends the next message; false if one is still out. */
    synchronized boolean say(String text, boolean forLlm) {
        if (pendingId != null || channel == null || handedOver) {
            return false;
        }
        pendingId = "c" + id + "-" + (++sent);
        pendingText = text;
        pendingLlm = forLlm;
        pendingSeq = -1;
        pendingSentNanos = System.nanoTime();
        tally.add("sent");
        write(messageFrame(pendingId, text));
        return true;
    }

    /** Gives up on the message out (no answer in time); it is counted as unanswered. */
    synchronized void abandon() {
        if (pendingId != null) {
            tally.add(pendingSeq < 0 ? "unacked" : "unanswered");
            pendingId = null;
            answeredAtNanos = System.nanoTime();
        }
    }

    /** Drops the socket abruptly: no close frame, just the TCP close (or a reset with {@code reset}). */
    synchronized void drop(boolean reset) {
        Channel ch = channel;
        if (ch != null) {
            closing = true;
            channel = null;
            if (reset) {
                ch.config().setOption(ChannelOption.SO_LINGER, 0);
            }
            ch.close();
        }
    }

    /** Closes politely (close frame 1000). */
    synchronized void closeNormally() {
        Channel ch = channel;
        if (ch != null) {
            closing = true;
            channel = null;
            ch.writeAndFlush(new CloseWebSocketFrame(1000, "done")).addListener(f -> ch.close());
        }
    }

    /** Continues in a new conversation (after a hand-over to a person, as ChatLoad's customers do). */
    synchronized void switchTo(WidgetNetwork.Session next) {
        session = next;
        lastSeq = 0;
        seen = new BitSet();
        handedOver = false;
        pendingId = null;
        acked.clear();
    }

    /** What to do when the server closes the socket (a widget reconnects, with a pause, and resumes). */
    void onLost(Runnable reconnect) {
        this.lost = reconnect;
    }

    void closed(Channel ch) {
        Runnable reconnect = null;
        synchronized (this) {
            if (ch == channel) {
                channel = null;
                if (!closing) {
                    tally.add("closed_by_server");
                    reconnect = lost;
                }
            }
        }
        if (reconnect != null) {
            reconnect.run();
        }
    }

    synchronized void failed(Throwable cause) {
        tally.add("socket_exception_" + cause.getClass().getSimpleName());
    }

    synchronized void frame(JsonNode f) {
        switch (f.path("type").asText()) {
            case "ack" -> onAck(f.path("clientId").asText(), f.path("seq").asLong());
            case "message" -> onMessage(f);
            case "state" -> {
                if (f.path("state").asText().equals("waiting_for_agent") && !handedOver) {
                    handedOver = true;
                    tally.add("handovers");
                }
            }
            case "error" -> {
                String code = f.path("code").asText();
                tally.add("error_" + code);
                if (code.equals("store_unavailable") && f.path("message").asText().contains("reconnect")
                        && channel != null && lost != null) {
                    // a replay or a gap fill failed: the server asks for a reconnect and a resume
                    tally.add("reconnect_asked");
                    Channel ch = channel;
                    channel = null;
                    closing = true;
                    ch.close();
                    lost.run();
                } else if (code.equals("store_unavailable") && pendingId != null && pendingSeq < 0 && channel != null) {
                    // "nothing was stored, send the message again (same clientId)": after a second, as a widget would
                    String id = pendingId;
                    Channel ch = channel;
                    ch.eventLoop().schedule(() -> resend(id), 1, java.util.concurrent.TimeUnit.SECONDS);
                }
            }
            default -> {
                // partial, typing
            }
        }
    }

    private synchronized void resend(String clientId) {
        if (clientId.equals(pendingId) && pendingSeq < 0 && channel != null) {
            tally.add("resent_after_store_unavailable");
            write(messageFrame(pendingId, pendingText));
        }
    }

    private void onAck(String clientId, long seq) {
        Long before = acked.get(clientId);
        if (before != null && before != seq) {
            tally.add("stored_twice");
        }
        if (remember) {
            acked.put(clientId, seq);
        }
        if (clientId.equals(pendingId) && pendingSeq < 0) {
            pendingSeq = seq;
            tally.add("acked");
            tally.ack.record(System.nanoTime() - pendingSentNanos);
        }
    }

    private void onMessage(JsonNode f) {
        long seq = f.path("seq").asLong();
        if (seq <= 0) {
            tally.add("seq_invalid");
            return;
        }
        if (seen.get((int) seq)) {
            tally.add("seq_repeated");
            return;
        }
        if (seq < lastSeq) {
            tally.add("seq_out_of_order");
        }
        seen.set((int) seq);
        lastSeq = Math.max(lastSeq, seq);
        String role = f.path("role").asText();
        if (role.equals("customer")) {
            // a replayed echo of the message out tells its seq even if the ack was lost with the socket
            if (pendingId != null && pendingId.equals(f.path("clientId").asText()) && pendingSeq < 0) {
                pendingSeq = seq;
                tally.add("acked_by_echo");
            }
            return;
        }
        if (pendingId != null && pendingSeq > 0 && seq > pendingSeq) {
            long took = System.nanoTime() - pendingSentNanos;
            tally.reply.record(took);
            (pendingLlm ? tally.llmReply : tally.botReply).record(took);
            tally.add("answered");
            if (pendingLlm) {
                tally.add("llm_reply_" + kindOfLlmReply(f.path("text").asText()));
            }
            pendingId = null;
            answeredAtNanos = System.nanoTime();
        }
    }

    /** What a customer who needed the LLM was told (the sentences of bot-core's BotTexts). */
    static String kindOfLlmReply(String text) {
        if (text.contains("answering a lot of questions")) {
            return text.contains("connect you with a person") ? "busy_offered_person" : "busy";
        }
        if (text.contains("connect you with a person")) {
            return "no_answer_offered_person";
        }
        return text.contains(SlowOllamaTestDouble.MARK) ? "generated" : "other";
    }

    private static String messageFrame(String clientId, String text) {
        try {
            return "{\"type\":\"message\",\"clientId\":\"" + clientId + "\",\"text\":" + JSON.writeValueAsString(text) + "}";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void write(String text) {
        if (channel != null) {
            channel.writeAndFlush(new TextWebSocketFrame(text));
        }
    }
}
