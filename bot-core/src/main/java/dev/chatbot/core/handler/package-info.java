/**
 * Rule handlers for the intents that act on an order (status, cancel, refund, return, change of address): slot
 * filling with re-asking, verification that the order belongs to the customer before anything about it is said, and
 * the business rules an admin configures (refund limit, return window).
 */
package dev.chatbot.core.handler;
