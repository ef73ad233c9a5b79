package dev.chatbot.nlp.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An evaluation report (contracts section 3): an ordered map of sections ({@code intent}, {@code entities},
 * {@code sentiment}, {@code faq}, {@code timing}) with the contract's keys first and extra detail after them.
 */
public final class Report {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, Object> sections;

    Report(Map<String, Object> sections) {
        this.sections = sections;
    }

    /** The whole report as nested maps and lists. */
    public Map<String, Object> sections() {
        return sections;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> section(String name) {
        return (Map<String, Object>) sections.get(name);
    }

    /** The contract's numbers only (no per-intent detail), for model manifests and the admin console. */
    public Map<String, Object> summary() {
        Map<String, Object> out = new LinkedHashMap<>();
        sections.forEach((name, value) -> {
            if (value instanceof Map<?, ?> m) {
                Map<String, Object> s = new LinkedHashMap<>();
                m.forEach((k, v) -> {
                    if (v instanceof Number) {
                        s.put(String.valueOf(k), v);
                    }
                });
                out.put(name, s);
            }
        });
        return out;
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(sections);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public void writeJson(Path file) throws IOException {
        write(file, toJson() + "\n");
    }

    public void writeHtml(Path file) throws IOException {
        write(file, HtmlReport.render(this));
    }

    private static void write(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    static double round(double v) {
        return Math.round(v * 10000.0) / 10000.0;
    }
}
