/**
 * Ports: the interfaces through which the dialogue layer reaches the outside world (conversation storage,
 * message fan-out to every socket that watches a conversation, and later the CRM, the LLM and the agent
 * queue). Implementations live in {@code connectors}; every port has at least one implementation that
 * runs embedded with zero setup.
 */
package dev.chatbot.core.port;
