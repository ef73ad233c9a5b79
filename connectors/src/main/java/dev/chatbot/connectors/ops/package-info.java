/** Operations: the health endpoint and start-up checks. */
package dev.chatbot.connectors.ops;
