/**
 * Signing keys and tokens: the server's HMAC key (configured, or generated once under the home folder) and the
 * signed, expiring tokens that bind a widget to exactly one conversation.
 */
package dev.chatbot.connectors.security;
