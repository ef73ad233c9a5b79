package dev.chatbot.widget;

import dev.chatbot.widget.testing.BrowserTestBase;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may frame what, in a real browser and on the wire. The test server lists http://127.0.0.1:PORT in
 * {@code chatbot.widget.allowed-origins} (see WidgetServer): that site may embed the widget, while a page on
 * http://127.0.0.2:PORT, not listed, gets a launcher whose chat frame the browser refuses to show. Every page also
 * carries nosniff and no-referrer; the consoles may not be framed at all.
 */
class EmbeddingIT extends BrowserTestBase {

    private static final String FOREIGN_HOST = "/test-pages/foreign-host.html";

    private String port() {
        return server.origin().substring(server.origin().lastIndexOf(':') + 1);
    }

    @SuppressWarnings("unchecked")
    private List<String> eventNames() {
        browser.host();
        return (List<String>) browser.js("return window.widgetEvents.map(e => e.name);");
    }

    @Test
    void a_listed_site_can_embed_the_widget() {
        browser.open("http://127.0.0.1:" + port() + FOREIGN_HOST);
        browser.launcher();
        browser.waitUntil(d -> eventNames().contains("ready"));
    }

    @Test
    void a_site_that_is_not_listed_cannot_frame_the_chat() {
        browser.open("http://127.0.0.2:" + port() + FOREIGN_HOST);
        browser.launcher();
        // give the frame the time it needs on the listed site (it is ready within a second there)
        browser.js("return new Promise(r => setTimeout(r, 3000));");
        assertThat(eventNames()).doesNotContain("ready");
        List<String> log = browser.consoleLog();
        log.forEach(l -> System.out.println("browser console: " + l));
        assertThat(log).anyMatch(l -> l.contains("frame-ancestors"));
        browser.screenshot("10-framing-refused");
    }

    private static void assertBaseline(HttpResponse<String> r, String path) {
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        assertThat(r.headers().allValues("X-Content-Type-Options")).as(path).containsExactly("nosniff");
        assertThat(r.headers().allValues("Referrer-Policy")).as(path).containsExactly("no-referrer");
    }

    @Test
    void the_widget_files_name_the_sites_that_may_frame_them() {
        for (String path : List.of("/widget/v1/frame.html", "/widget/v1/loader.js", "/widget/v1/frame.css")) {
            HttpResponse<String> r = server.get(path, null);
            assertBaseline(r, path);
            assertThat(r.headers().allValues("Content-Security-Policy")).as(path)
                    .containsExactly("frame-ancestors 'self' http://127.0.0.1:" + port());
        }
    }

    @Test
    void the_demo_page_may_be_framed_only_by_this_server_and_the_consoles_not_at_all() {
        HttpResponse<String> demo = server.get("/", null);
        assertBaseline(demo, "/");
        assertThat(demo.headers().allValues("Content-Security-Policy")).containsExactly("frame-ancestors 'self'");
        assertThat(demo.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
        for (String path : List.of("/agent/", "/admin/", "/agent/console.js", "/admin/admin.css")) {
            HttpResponse<String> r = server.get(path, null);
            assertBaseline(r, path);
            List<String> csp = r.headers().allValues("Content-Security-Policy");
            assertThat(csp).as(path).hasSize(1);
            assertThat(csp.get(0)).as(path).contains("frame-ancestors 'none'");
            assertThat(r.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
        }
    }

    @Test
    void a_console_page_in_a_frame_is_refused_by_the_browser() {
        browser.open(server.origin() + "/");
        browser.launcher();
        browser.js("const f = document.createElement('iframe'); f.id = 'console'; f.src = '/agent/';"
                + " document.body.appendChild(f);");
        browser.js("return new Promise(r => setTimeout(r, 1500));");
        // a refused frame shows the browser's error page, whose document this page cannot read
        Object title = browser.js("try { return document.getElementById('console').contentDocument.title; }"
                + " catch (e) { return 'blocked'; }");
        assertThat(String.valueOf(title)).doesNotContain("Agent");
        assertThat(browser.consoleLog()).anyMatch(l -> l.contains("frame-ancestors") || l.contains("X-Frame-Options"));
    }
}
