package dev.chatbot.connectors.config;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.nio.file.Path;

/** Top-level settings: where the server keeps its state and where the bot's language data is. */
@ConfigurationProperties("chatbot")
public class ChatbotConfig {

    private Path home = Path.of("var");
    private Path dataDir = Path.of("training-data");
    private boolean demo;

    /** Where the embedded database, trained models, secrets and uploads live ({@code --home}, {@code CHATBOT_HOME}). */
    public Path getHome() {
        return home;
    }

    public void setHome(Path home) {
        this.home = home;
    }

    /** The training-data folder of the bot ({@code --data}). */
    public Path getDataDir() {
        return dataDir;
    }

    public void setDataDir(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** Explicit demo mode: seeds demo accounts with well-known passwords. Never on by default. */
    public boolean isDemo() {
        return demo;
    }

    public void setDemo(boolean demo) {
        this.demo = demo;
    }

    /** The home folder as an absolute path. */
    public Path homeDir() {
        return home.toAbsolutePath().normalize();
    }
}
