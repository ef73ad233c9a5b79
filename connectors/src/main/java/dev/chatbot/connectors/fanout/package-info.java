/**
 * Message fan-out across server nodes: {@link dev.chatbot.connectors.fanout.RedisMessageFanout} publishes every
 * conversation event on a Redis channel so that the sockets connected to other nodes (a customer's second tab, an
 * agent's console) receive it too. Without Redis configured the in-process fan-out is used.
 */
package dev.chatbot.connectors.fanout;
