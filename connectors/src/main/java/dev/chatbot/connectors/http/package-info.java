/**
 * Helpers shared by the HTTP APIs: strict JSON bodies (unknown fields and wrong types are refused with a clear
 * message) and the one error shape every endpoint answers with: {@code {"error": code, "message": text}}.
 */
package dev.chatbot.connectors.http;
