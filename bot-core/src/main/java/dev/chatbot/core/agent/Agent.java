package dev.chatbot.core.agent;

/**
 * The person acting at the desk, as authenticated by the caller.
 *
 * @param username    stable login name, stored as the conversation's assigned agent
 * @param displayName the name customers see next to the agent's messages
 * @param admin       admins may also release or resolve conversations other agents hold
 */
public record Agent(String username, String displayName, boolean admin) {
}
