/**
 * The in-process implementation of {@link dev.chatbot.core.port.MessageFanout}, for a single node. It has no
 * technology in it, so it lives next to the dialogue layer; distributed implementations live in
 * {@code connectors}.
 */
package dev.chatbot.core.fanout;
