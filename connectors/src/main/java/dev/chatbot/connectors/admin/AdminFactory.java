package dev.chatbot.connectors.admin;

import com.zaxxer.hikari.HikariDataSource;
import dev.chatbot.connectors.config.ChatbotConfig;
import dev.chatbot.connectors.nlu.BotModelRegistry;
import dev.chatbot.core.handler.Handlers;
import dev.chatbot.nlp.data.TrainingDataValidator;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The admin API's services: the training-data folder it edits ({@code chatbot.data-dir}, checked with the server's
 * handler names), evaluations of model versions, and the background training jobs. Scratch space lives under
 * {@code <home>/admin/}.
 */
@Factory
public class AdminFactory {

    @Singleton
    public TrainingDataEdits trainingDataEdits(ChatbotConfig chatbot) {
        TrainingDataFolder folder = new TrainingDataFolder(chatbot.getDataDir(),
                TrainingDataValidator.Options.DEFAULT.withKnownHandlers(Handlers.names()));
        return new TrainingDataEdits(folder, chatbot.homeDir().resolve("admin").resolve("scratch"));
    }

    @Singleton
    public ModelEvaluations modelEvaluations(BotModelRegistry registry, AdminConsoleConfig config, Clock clock) {
        return new ModelEvaluations(registry, config, clock);
    }

    @Singleton
    public MisunderstoodMessages misunderstoodMessages(HikariDataSource dataSource, Clock clock, AdminConsoleConfig config) {
        return new MisunderstoodMessages(dataSource, clock, config.getInboxScan());
    }

    @Singleton
    @Bean(preDestroy = "close")
    public TrainingJobs trainingJobs(BotModelRegistry registry, TrainingDataEdits edits, ModelEvaluations evaluations,
                                     AdminConsoleConfig config, Clock clock, ChatbotConfig chatbot) {
        return new TrainingJobs(registry, edits, evaluations, config, clock,
                chatbot.homeDir().resolve("admin").resolve("jobs"));
    }
}
