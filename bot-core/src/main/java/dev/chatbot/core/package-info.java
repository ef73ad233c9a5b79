/**
 * The dialogue layer: conversations and their state machine, the service that takes a customer message
 * from storage to reply, the dialogue policies, and the ports (interfaces) through which it reaches
 * storage, message fan-out, the CRM, the LLM and the agent queue. No HTTP, no SDKs: adapters for those
 * live in the {@code connectors} module.
 */
package dev.chatbot.core;
