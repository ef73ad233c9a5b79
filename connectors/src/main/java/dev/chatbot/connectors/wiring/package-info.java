/**
 * Wiring: builds the dialogue layer's services from the ports' implementations chosen by configuration, and the
 * thread pools that keep blocking and CPU-heavy work off Netty's event loop.
 */
package dev.chatbot.connectors.wiring;
