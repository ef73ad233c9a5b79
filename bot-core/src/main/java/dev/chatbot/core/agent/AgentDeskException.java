package dev.chatbot.core.agent;

/** An agent's action that cannot be done in the conversation's current state; the message is meant for the agent. */
public final class AgentDeskException extends RuntimeException {

    /** Why the action was refused. */
    public enum Reason {
        /** No such conversation. */
        NOT_FOUND,
        /** Another agent holds the conversation. */
        CLAIMED_BY_OTHER,
        /** The action needs the conversation to be claimed by the caller first. */
        NOT_ASSIGNED,
        /** The conversation is in a state where the action makes no sense (for example resolved). */
        WRONG_STATE,
        /** The text is empty or too long. */
        INVALID_TEXT
    }

    private final Reason reason;

    public AgentDeskException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
