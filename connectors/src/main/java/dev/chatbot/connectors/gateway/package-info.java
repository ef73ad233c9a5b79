/**
 * The widget side of the gateway (contracts section 6): {@code POST /api/widget/sessions} issues a signed,
 * expiring token bound to one conversation, and {@code WS /ws/chat} carries JSON frames. Frames are Java
 * records with golden JSON fixtures in the tests; every frame is validated before anything is stored,
 * and nothing here blocks Netty's event loop: storage and the bot's turn run on virtual threads.
 */
package dev.chatbot.connectors.gateway;
