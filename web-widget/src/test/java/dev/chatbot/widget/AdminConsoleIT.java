package dev.chatbot.widget;

import dev.chatbot.connectors.auth.StaffAccounts;
import dev.chatbot.connectors.auth.StaffRole;
import dev.chatbot.widget.testing.Browser;
import dev.chatbot.widget.testing.Browser.Line;
import dev.chatbot.widget.testing.WidgetServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin console in a real browser, on a temporary copy of the default bot (the repository's training data is never
 * written): an admin signs in, browses intents, sees the validator's errors before anything is saved, adds an FAQ entry
 * with a distinctive answer, trains, reads the evaluation report, activates the new version, and the widget on the demo
 * page then answers a paraphrase of the new question with that answer and names the entry as its source; rolling back
 * brings the old answer back; a message the bot did not understand waits in the inbox and becomes an example.
 */
class AdminConsoleIT {

    private static final String PASSWORD = "admin-console-password";
    private static final String QUESTION = "Can I rent camping gear instead of buying it?";
    private static final String ANSWER = "Yes: the Fernhill Rental Club lends tents, stoves and sleeping bags for 12 per weekend.";
    private static final String PARAPHRASE = "is it possible to hire a tent for the weekend";
    private static final String NOT_UNDERSTOOD = "can you recommend a good pizza place in rome";
    private static final Duration TRAINING = Duration.ofSeconds(150);

    private static WidgetServer server;
    private static Path data;
    private static String repositoryBefore;
    private Browser admin;
    private Browser customer;

    @BeforeAll
    static void start() throws IOException {
        Path module = Path.of(System.getProperty("widget.module", ".")).toAbsolutePath().normalize();
        Path repositoryData = module.resolve("../training-data").normalize();
        repositoryBefore = fingerprint(repositoryData);
        Path tmp = Files.createTempDirectory("chatbot-admin-console-");
        data = tmp.resolve("training-data");
        for (String part : List.of("intents", "entities", "sentiment", "faq", "test-set")) {
            copyTree(repositoryData.resolve(part), data.resolve(part));
        }
        // its own models folder, seeded with the test run's trained default bot when there is one (saves a training)
        Path models = tmp.resolve("models");
        Files.createDirectories(models);
        Path shared = module.resolve("target/test-models");
        if (Files.isRegularFile(shared.resolve("ACTIVE"))) {
            String version = Files.readString(shared.resolve("ACTIVE")).strip();
            if (Files.isDirectory(shared.resolve(version))) {
                copyTree(shared.resolve(version), models.resolve(version));
                Files.writeString(models.resolve("ACTIVE"), version + "\n");
            }
        }
        server = WidgetServer.start(Map.of("chatbot.data-dir", data.toString(), "chatbot.nlu.models-dir", models.toString()));
        server.bean(StaffAccounts.class).createIfAbsent("alex", "Alex", StaffRole.ADMIN, PASSWORD);
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        Path repositoryData = Path.of(System.getProperty("widget.module", ".")).resolve("../training-data").normalize();
        assertThat(fingerprint(repositoryData)).as("the repository's training data is untouched").isEqualTo(repositoryBefore);
    }

    @AfterEach
    void closeBrowsers() {
        for (Browser b : new Browser[]{admin, customer}) {
            if (b != null) {
                b.consoleLog().stream().filter(l -> l.contains("SEVERE") || l.contains("Content Security Policy"))
                        .forEach(l -> System.out.println("browser console: " + l));
                b.close();
            }
        }
        admin = null;
        customer = null;
    }

    private static String text(WebDriver d, String css) {
        return d.findElement(By.cssSelector(css)).getText();
    }

    private WebElement find(String css) {
        return admin.waitUntil(d -> d.findElement(By.cssSelector(css)));
    }

    private void click(String css) {
        find(css).click();
    }

    private void type(String css, String value) {
        WebElement e = find(css);
        e.clear();
        e.sendKeys(value);
    }

    private void scrollTo(String css) {
        admin.js("document.querySelector(arguments[0]).scrollIntoView({block: 'start'})", css);
    }

    /** The customer asks on the demo page; returns the bot's answer line and the source shown under it. */
    private String[] ask(String question) {
        if (customer != null) {
            customer.close();
        }
        customer = Browser.start(Browser.DESKTOP);
        customer.open(server.origin() + "/");
        customer.launcher();
        customer.openChat();
        int before = customer.transcript().size();
        customer.send(question);
        Line answer = customer.waitUntil(d -> {
            List<Line> lines = customer.transcript();
            return lines.size() >= before + 2 && lines.get(lines.size() - 1).role().equals("bot") ? lines.get(lines.size() - 1) : null;
        });
        customer.frame();
        List<WebElement> sources = customer.driver().findElements(By.cssSelector("#log .msg[data-role='bot'] .msg__sources"));
        String source = sources.isEmpty() ? "" : sources.get(sources.size() - 1).getText();
        return new String[]{answer.text(), source};
    }

    @Test
    void an_admin_adds_an_faq_entry_trains_activates_and_the_widget_answers_with_it_then_rolls_back() {
        // a customer first asks something the bot does not know yet: it lands in the inbox
        String[] before = ask(NOT_UNDERSTOOD);
        assertThat(before[0]).isNotEqualTo(ANSWER);
        String[] unknown = ask(PARAPHRASE);
        assertThat(unknown[0]).isNotEqualTo(ANSWER);

        admin = Browser.start(Browser.DESKTOP);
        admin.open(server.origin() + "/admin/");
        type("#login-username", "alex");
        type("#login-password", PASSWORD);
        admin.screenshot("admin-console-00-sign-in");
        click("#login-submit");

        // intents: the list, search, one intent in the editor
        admin.waitUntil(d -> d.findElements(By.cssSelector("#intent-list li[data-name]")).size() >= 20);
        assertThat(text(admin.driver(), "#me")).isEqualTo("Alex (admin)");
        type("#intent-search", "tracking link");
        admin.waitUntil(d -> d.findElements(By.cssSelector("#intent-list li[data-name]")).size() == 1);
        assertThat(text(admin.driver(), "#intent-list li[data-name='order_status'] .item__match"))
                .isEqualTo("“can i get a tracking link for my order”");
        admin.screenshot("admin-console-01-intents-search");
        click("#intent-list li[data-name='order_status'] button");
        WebElement examples = find("#intent-examples");
        assertThat(examples.getAttribute("value")).contains("where's my order [K7P2QX](order_id)");
        assertThat(text(admin.driver(), "#intent-file")).isEqualTo("intents/orders/order_status.yml");
        admin.screenshot("admin-console-02-intent-editor");

        // the validator's errors show before anything is saved
        String file = read(data.resolve("intents/orders/order_status.yml"));
        examples.sendKeys("\nhello\nwhere is [my parcel(order_id)");
        click("#intent-save");
        WebElement problems = admin.waitUntil(d -> {
            WebElement p = d.findElement(By.id("intent-problems"));
            return p.isDisplayed() && !p.getText().isBlank() ? p : null;
        });
        assertThat(problems.getText()).startsWith("Not saved. Fix these problems first:")
                .contains("malformed entity mark").contains("example 'hello' is in intent")
                .containsPattern("intents/orders/order_status.yml:\\d+");
        assertThat(read(data.resolve("intents/orders/order_status.yml"))).as("nothing saved").isEqualTo(file);
        admin.screenshot("admin-console-03-validation-errors");

        // a new FAQ entry with a distinctive answer
        click("a[data-view='faq']");
        click("#new-faq");
        type("#faq-topic", "rentals");
        type("#faq-question", QUESTION);
        type("#faq-alternatives", "can i hire a tent\ndo you rent out equipment\ngear rental");
        type("#faq-answer", ANSWER);
        type("#faq-tags", "rentals, gear");
        click("#faq-save");
        admin.waitUntil(d -> text(d, "#faq-problems").startsWith("Saved."));
        assertThat(read(data.resolve("faq/rentals.yml"))).contains("id: can-i-rent-camping-gear-instead-of-buying-it")
                .contains("answer: '" + ANSWER.replace("'", "''") + "'");
        admin.screenshot("admin-console-04-faq-entry-saved");

        click("a[data-view='entities']");
        click("#entity-list li[data-name='payment_method'] button");
        admin.waitUntil(d -> d.findElement(By.id("entity-values")).getAttribute("value").contains("credit_card: credit card"));
        admin.screenshot("admin-console-05-entities");

        click("a[data-view='sentiment']");
        admin.waitUntil(d -> d.findElements(By.cssSelector("#sentiment .sentiment__example")).size() > 30);
        admin.screenshot("admin-console-06-sentiment");

        // train, with progress, then the report
        click("a[data-view='models']");
        admin.waitUntil(d -> d.findElements(By.cssSelector("#versions tr[data-version]")).size() >= 1);
        String live = find("#versions tr[data-active='true']").getAttribute("data-version");
        click("#train");
        admin.waitUntil(d -> {
            double pct = Double.parseDouble(d.findElement(By.id("job-progress")).getAttribute("value"));
            return pct > 5 && pct < 95 && text(d, "#job-state").equals("Training…");
        });
        admin.screenshot("admin-console-07-training-progress");
        admin.waitUntil(TRAINING, d -> text(d, "#job-state").equals("Done"));
        String version = find("#versions tr[data-version]").getAttribute("data-version");
        assertThat(version).isNotEqualTo(live);
        assertThat(text(admin.driver(), "#job-result")).startsWith("New version " + version + ": intent accuracy ");
        assertThat(text(admin.driver(), "#job-verdict")).containsPattern("(Better than|Worse than|About the same as) the active version " + live);
        admin.waitUntil(d -> text(d, "#report-title").equals("Evaluation of " + version));
        assertThat(admin.driver().findElements(By.cssSelector("#confusion-matrix svg rect")).size()).isGreaterThan(400);
        assertThat(admin.driver().findElements(By.cssSelector("#per-intent tbody tr")).size()).isGreaterThanOrEqualTo(20);
        assertThat(text(admin.driver(), "#metric-accuracy .metric__value")).matches("\\d{2,3}\\.\\d%");
        scrollTo("#report");
        admin.screenshot("admin-console-08-evaluation-report");
        scrollTo("#confusion-matrix");
        admin.screenshot("admin-console-09-confusion-matrix");

        // activate: the live bot switches without a restart
        scrollTo("#versions");
        find("#versions tr[data-version='" + version + "'] button[data-action='activate']").click();
        confirmIfRegression();
        admin.waitUntil(d -> text(d, "#models-problems").startsWith("Version " + version + " is live now"));
        admin.waitUntil(d -> d.findElement(By.cssSelector("#versions tr[data-version='" + version + "']")).getAttribute("data-active").equals("true"));
        admin.screenshot("admin-console-10-activated");

        String[] answered = ask(PARAPHRASE);
        assertThat(answered[0]).isEqualTo(ANSWER);
        assertThat(answered[1]).isEqualTo("Source: " + QUESTION);
        customer.screenshot("admin-console-11-widget-answers-from-the-new-entry");

        // roll back to the version that was live before
        find("#versions tr[data-version='" + live + "'] button[data-action='rollback']").click();
        confirmIfRegression();
        admin.waitUntil(d -> text(d, "#models-problems").startsWith("Version " + live + " is live now"));
        admin.waitUntil(d -> d.findElement(By.cssSelector("#versions tr[data-version='" + live + "']")).getAttribute("data-active").equals("true"));
        admin.screenshot("admin-console-12-rolled-back");
        assertThat(ask(PARAPHRASE)[0]).isNotEqualTo(ANSWER);

        // the learning loop: the message the bot did not understand becomes an out-of-scope example
        click("a[data-view='inbox']");
        WebElement item = admin.waitUntil(d -> d.findElements(By.cssSelector("#inbox .inbox__item")).stream()
                .filter(e -> e.findElement(By.cssSelector(".inbox__text")).getText().equals(NOT_UNDERSTOOD)).findFirst().orElse(null));
        admin.screenshot("admin-console-13-inbox");
        new org.openqa.selenium.support.ui.Select(item.findElement(By.cssSelector("select"))).selectByValue("out_of_scope");
        item.findElement(By.cssSelector("button.button--primary")).click();
        admin.waitUntil(d -> text(d, "#inbox-problems").startsWith("Added to out_of_scope."));
        admin.waitUntil(d -> d.findElements(By.cssSelector("#inbox .inbox__item")).stream()
                .noneMatch(e -> e.findElement(By.cssSelector(".inbox__text")).getText().equals(NOT_UNDERSTOOD)));
        assertThat(read(data.resolve("intents/other/out_of_scope.yml"))).endsWith("  - " + NOT_UNDERSTOOD + "\n");
        assertThat(admin.js("return window.__xss === undefined")).isEqualTo(true);
    }

    /** When the console says a version measures worse than the live one, the admin activates it anyway. */
    private void confirmIfRegression() {
        admin.waitUntil(d -> text(d, "#models-problems").contains("is live now")
                || !d.findElements(By.id("activate-anyway")).isEmpty());
        List<WebElement> anyway = admin.driver().findElements(By.id("activate-anyway"));
        if (!anyway.isEmpty()) {
            admin.screenshot("admin-console-10b-regression-warning");
            anyway.get(0).click();
        }
    }

    @Test
    void the_console_is_served_under_a_strict_policy_and_an_agent_cannot_use_it() {
        var page = server.get("/admin/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'")
                .doesNotContain("unsafe-inline");
        assertThat(page.body()).contains("/admin/admin.js").doesNotContain("<script>");
        server.bean(StaffAccounts.class).createIfAbsent("dana", "Dana", StaffRole.AGENT, "dana-console-password");
        admin = Browser.start(Browser.DESKTOP);
        admin.open(server.origin() + "/admin/");
        type("#login-username", "dana");
        type("#login-password", "dana-console-password");
        click("#login-submit");
        assertThat(find("#not-admin").getText()).isEqualTo("Only admins can edit the bot. Sign in with an admin account.");
    }

    // ---------------------------------------------------------------- files

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /** SHA-256 over the bot's YAML folders (not build output). */
    private static String fingerprint(Path dir) throws IOException {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            for (String part : List.of("intents", "entities", "sentiment", "faq", "test-set", "tests")) {
                if (!Files.isDirectory(dir.resolve(part))) {
                    continue;
                }
                try (Stream<Path> walk = Files.walk(dir.resolve(part))) {
                    for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                        md.update(dir.relativize(p).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        md.update(Files.readAllBytes(p));
                    }
                }
            }
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
