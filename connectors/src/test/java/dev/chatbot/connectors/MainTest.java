package dev.chatbot.connectors;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad command lines get a clear message and exit code 2, without starting anything. */
class MainTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void no_command_prints_usage_and_exits_2() {
        assertThat(run()).isEqualTo(2);
        assertThat(errors()).contains("usage");
    }

    @Test
    void an_unknown_command_is_named() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(errors()).contains("frobnicate");
    }

    @Test
    void serve_refuses_a_port_that_is_not_a_number() {
        assertThat(run("serve", "--port", "eighty")).isEqualTo(2);
        assertThat(errors()).contains("--port");
        assertThat(run("serve", "--port", "70000")).isEqualTo(2);
    }

    @Test
    void serve_refuses_unknown_options_and_missing_values() {
        assertThat(run("serve", "--verbose", "yes")).isEqualTo(2);
        assertThat(errors()).contains("--verbose");
        assertThat(run("serve", "--home")).isEqualTo(2);
        assertThat(errors()).contains("needs a value");
    }

    @Test
    void serve_refuses_a_data_folder_that_does_not_exist() {
        assertThat(run("serve", "--data", "/no/such/folder")).isEqualTo(2);
        assertThat(errors()).contains("/no/such/folder");
    }
}
