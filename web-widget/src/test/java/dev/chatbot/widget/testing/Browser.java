package dev.chatbot.widget.testing;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium driven through ChromeDriver, with helpers for the widget: find the launcher in its
 * shadow root, step into the chat iframe, read the transcript as the customer sees it, save screenshots.
 * Selenium is pointed at the installed browser and driver, so it never tries to download one.
 */
public final class Browser implements AutoCloseable {

    public static final Dimension DESKTOP = new Dimension(1280, 860);
    public static final Dimension PHONE = new Dimension(390, 844);

    private static final String CHROMIUM = System.getProperty("chromium.binary", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("chromedriver.binary", "/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final ChromeDriver driver;
    private final Path profile;
    private boolean inFrame;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    public static Browser start(Dimension size) {
        if (!Files.isExecutable(Path.of(CHROMIUM)) || !Files.isExecutable(Path.of(CHROMEDRIVER))) {
            throw new IllegalStateException("Chromium or ChromeDriver is missing (" + CHROMIUM + ", " + CHROMEDRIVER
                    + "): run `bash .ci/prepare` to install Debian's chromium and chromium-driver");
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        try {
            Path profile = Files.createTempDirectory("chatbot-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--lang=en-GB",
                    "--force-device-scale-factor=1", "--user-data-dir=" + profile,
                    "--window-size=" + size.getWidth() + "," + size.getHeight());
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
            Browser b = new Browser(driver, profile);
            b.resize(size);
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Sets the size of the page's viewport (not of the window around it). */
    public void resize(Dimension viewport) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", viewport.getWidth(), "height", viewport.getHeight(), "deviceScaleFactor", 1,
                "mobile", viewport.getWidth() < 600));
    }

    // ---- pages ----

    public void open(String url) {
        host();
        driver.get(url);
    }

    public void reload() {
        host();
        driver.navigate().refresh();
    }

    /** The launcher button inside the widget's shadow root, once the loader has added it. */
    public WebElement launcher() {
        host();
        return waitUntil(d -> {
            List<WebElement> hosts = d.findElements(By.cssSelector("#chatbot-widget"));
            if (hosts.isEmpty()) {
                return null;
            }
            return hosts.get(0).getShadowRoot().findElement(By.cssSelector("button.launcher"));
        });
    }

    /** How many widget launchers are on the page. */
    public long launcherCount() {
        host();
        Object n = js("return [...document.querySelectorAll('[data-chatbot-widget]')]"
                + ".reduce((sum, h) => sum + h.shadowRoot.querySelectorAll('button.launcher').length, 0);");
        return ((Number) n).longValue();
    }

    public SearchContext widgetRoot() {
        host();
        return driver.findElement(By.cssSelector("#chatbot-widget")).getShadowRoot();
    }

    public WebElement iframe() {
        return widgetRoot().findElement(By.cssSelector("iframe"));
    }

    public boolean panelVisible() {
        host();
        return widgetRoot().findElement(By.cssSelector(".panel")).isDisplayed();
    }

    /** Clicks the launcher and waits until the chat window is shown and ready for input. */
    public void openChat() {
        launcher().click();
        waitUntil(d -> panelVisible());
        frame();
        waitUntil(d -> d.findElement(By.id("input")).isDisplayed());
    }

    /** Puts the driver inside the chat iframe. */
    public Browser frame() {
        if (!inFrame) {
            WebElement f = iframe();
            driver.switchTo().frame(f);
            inFrame = true;
        }
        return this;
    }

    /** Puts the driver back on the host page. */
    public Browser host() {
        if (inFrame) {
            driver.switchTo().defaultContent();
            inFrame = false;
        }
        return this;
    }

    // ---- the chat ----

    /** Types a message into the chat's input and presses Enter. */
    public void send(String text) {
        frame();
        WebElement input = driver.findElement(By.id("input"));
        input.sendKeys(text);
        input.sendKeys(org.openqa.selenium.Keys.ENTER);
    }

    /** The messages on screen in order, as the customer sees them. */
    @SuppressWarnings("unchecked")
    public List<Line> transcript() {
        frame();
        List<Map<String, Object>> raw = (List<Map<String, Object>>) js(
                "return [...document.querySelectorAll('#log .msg[data-key]')].map(n => ({"
                        + " seq: n.dataset.seq ? Number(n.dataset.seq) : 0,"
                        + " role: n.dataset.role,"
                        + " text: n.querySelector('.msg__text').textContent,"
                        + " who: n.querySelector('.msg__who').textContent,"
                        + " pending: n.classList.contains('msg--pending') }));");
        List<Line> lines = new ArrayList<>();
        for (Map<String, Object> m : raw) {
            lines.add(new Line(((Number) m.get("seq")).longValue(), (String) m.get("role"), (String) m.get("text"),
                    (String) m.get("who"), Boolean.TRUE.equals(m.get("pending"))));
        }
        return lines;
    }

    /** What the widget keeps in the browser for this page's conversation (token, conversation id). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> storedSession(String hostOrigin) {
        frame();
        return (Map<String, Object>) js("return JSON.parse(localStorage.getItem(arguments[0]) || 'null');",
                "chatbot-widget.v1:" + hostOrigin);
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    public <T> T waitUntil(Function<WebDriver, T> condition) {
        return waitUntil(WAIT, condition);
    }

    public <T> T waitUntil(Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(100))
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition);
    }

    /** The browser console since the last call (CSP reports, errors). */
    public List<String> consoleLog() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::toString).toList();
    }

    /** Saves what the viewport shows as target/screenshots/{name}.png. */
    public Path screenshot(String name) {
        boolean wasInFrame = inFrame;
        host();
        try {
            // let animations and smooth scrolling settle
            Thread.sleep(350);
            Path dir = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
            Files.createDirectories(dir);
            Path target = dir.resolve(name + ".png");
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            if (wasInFrame) {
                frame();
            }
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary profile left behind is harmless
            }
        }
    }

    /** One message on screen. {@code seq} is 0 while it is not stored yet. */
    public record Line(long seq, String role, String text, String who, boolean pending) {
    }
}
