package dev.chatbot.nlp.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small training-data folders for tests. */
public final class DataFolder {

    private final Path root;

    public DataFolder(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public DataFolder file(String relative, String content) {
        try {
            Path p = root.resolve(relative);
            Files.createDirectories(p.getParent());
            Files.writeString(p, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public DataFolder intent(String name, String... examples) {
        StringBuilder sb = new StringBuilder("version: 1\nintent: " + name + "\nexamples:\n");
        for (String e : examples) {
            sb.append("  - \"").append(e.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
        }
        return file("intents/" + name + ".yml", sb.toString());
    }

    public DataFolder sentiment(String label, String... examples) {
        StringBuilder sb = new StringBuilder("version: 1\nlabel: " + label + "\nexamples:\n");
        for (String e : examples) {
            sb.append("  - \"").append(e.replace("\"", "\\\"")).append("\"\n");
        }
        return file("sentiment/" + label + ".yml", sb.toString());
    }
}
