/**
 * Typed configuration: every setting the server reads, under {@code chatbot.*} in {@code application.yml},
 * each overridable by an environment variable ({@code CHATBOT_WIDGET_MAX_TEXT_LENGTH} for
 * {@code chatbot.widget.max-text-length}). Documented in {@code docs/configuration.md}.
 */
package dev.chatbot.connectors.config;
