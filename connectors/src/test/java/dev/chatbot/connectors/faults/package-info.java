/**
 * Fault tests: the real server killed with SIGKILL mid-conversation and started again, its database cut off and given
 * back, its CRM and LLM slow or broken, and its disk full, each checked against the product's promise that an
 * acknowledged message is never lost, that sequence numbers never repeat, and that a customer always gets a clear
 * answer or a person. The helpers here start the server as a separate process, play customers that reconnect and
 * resend the way the protocol asks, and stand in for a broken network or CRM (test doubles, named as such).
 */
package dev.chatbot.connectors.faults;
