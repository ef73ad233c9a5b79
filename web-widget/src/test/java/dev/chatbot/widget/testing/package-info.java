/**
 * What the widget's browser tests stand on: the real server started in-process with its own home folder
 * ({@link dev.chatbot.widget.testing.WidgetServer}) and Debian's headless Chromium driven by Selenium, with helpers
 * that know where the widget keeps its launcher, its iframe and its transcript
 * ({@link dev.chatbot.widget.testing.Browser}).
 */
package dev.chatbot.widget.testing;
