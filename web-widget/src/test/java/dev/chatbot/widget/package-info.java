/**
 * Tests of the embeddable chat widget: {@code WidgetScriptsTest} runs the widget's own JavaScript tests with Node
 * (protocol code against the golden frames, reconnect and resend logic, source checks), and the {@code *IT} classes
 * drive the real widget on the real server in headless Chromium, as a customer would use it.
 */
package dev.chatbot.widget;
