package dev.chatbot.widget.testing;

import dev.chatbot.core.conversation.ConversationService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.util.Map;

/**
 * One real server per test class and a fresh browser (new profile, so empty storage) per test. The browser's
 * console errors are printed after each test, which is where CSP reports and script errors show up.
 */
public abstract class BrowserTestBase {

    protected static WidgetServer server;
    protected Browser browser;

    @BeforeAll
    static void startServer() {
        server = WidgetServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void startBrowser() {
        browser = Browser.start(Browser.DESKTOP);
    }

    @AfterEach
    void closeBrowser() {
        try {
            browser.consoleLog().stream()
                    .filter(line -> line.contains("SEVERE") || line.contains("Content Security Policy"))
                    .forEach(line -> System.out.println("browser console: " + line));
        } finally {
            browser.close();
        }
    }

    /** Opens the demo shop page and waits for the widget's launcher. */
    protected void openDemoPage() {
        browser.open(server.origin() + "/");
        browser.launcher();
    }

    /** The conversation the widget on this page has started, from what it keeps in the browser. */
    protected String conversationId() {
        Map<String, Object> stored = browser.storedSession(server.origin());
        return (String) stored.get("conversationId");
    }

    protected String token() {
        return (String) browser.storedSession(server.origin()).get("token");
    }

    /** The real conversation service of the running server (stands in for an agent or the dialogue engine). */
    protected ConversationService conversations() {
        return server.bean(ConversationService.class);
    }
}
