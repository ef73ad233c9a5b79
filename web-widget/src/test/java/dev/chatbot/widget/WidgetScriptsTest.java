package dev.chatbot.widget;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs the widget's own JavaScript tests (src/test/js, Node's built-in test runner, no packages to install):
 * the protocol code against the golden frames in connectors/src/test/resources/protocol/, the connection's
 * reconnect and resend logic, and the source checks (no innerHTML, no inline scripts). A protocol drift on
 * the server side therefore fails this module's build.
 */
class WidgetScriptsTest {

    private static final Path MODULE = Path.of(System.getProperty("widget.module", "."));

    @Test
    void widget_javascript_tests_pass_against_the_golden_protocol_frames() throws Exception {
        Path fixtures = Path.of(System.getProperty("protocol.fixtures",
                MODULE.resolve("../connectors/src/test/resources/protocol").toString()));
        assertThat(fixtures.resolve("server")).isDirectory();
        Path output = Files.createTempFile("widget-node-test-", ".txt");
        Process node;
        try {
            ProcessBuilder builder = new ProcessBuilder("node", "--test", "src/test/js/")
                    .directory(MODULE.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().put("PROTOCOL_FIXTURES", fixtures.toAbsolutePath().toString());
            node = builder.start();
            node.getOutputStream().close();
        } catch (IOException e) {
            fail("Node.js is needed for the widget's JavaScript tests and was not found on the PATH: " + e.getMessage());
            return;
        }
        boolean finished = node.waitFor(2, TimeUnit.MINUTES);
        String report = Files.readString(output, StandardCharsets.UTF_8);
        Files.deleteIfExists(output);
        if (!finished) {
            node.destroyForcibly();
            fail("node --test did not finish in 2 minutes:\n" + report);
        }
        System.out.println(report.lines().filter(l -> l.matches("# (tests|pass|fail|skipped) \\d+") || l.startsWith("not ok"))
                .reduce("node --test:", (a, b) -> a + "\n  " + b));
        assertThat(node.exitValue()).as("node --test output:\n%s", report).isZero();
        assertThat(report).contains("# fail 0").containsPattern("# pass [1-9]");
    }
}
