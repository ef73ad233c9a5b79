package dev.chatbot.nlp.entity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.chatbot.nlp.pipeline.Analysis;
import dev.chatbot.nlp.pipeline.NluStep;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Pipeline step {@code entities}: adds the recognizer's mentions to the analysis. */
public final class EntitiesStep implements NluStep {

    static final String SETTINGS = "entities.json";
    static final String MODEL = "name-finder.bin";
    static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private final OpenNlpEntityRecognizer recognizer;
    private final EntitiesStepTrainer.Saved saved;

    EntitiesStep(OpenNlpEntityRecognizer recognizer, EntitiesStepTrainer.Saved saved) {
        this.recognizer = recognizer;
        this.saved = saved;
    }

    @Override
    public String name() {
        return "entities";
    }

    public EntityRecognizer recognizer() {
        return recognizer;
    }

    @Override
    public void apply(Analysis analysis) {
        recognizer.recognize(analysis.text()).forEach(analysis::addEntity);
    }

    @Override
    public void save(Path folder) throws IOException {
        Files.writeString(folder.resolve(SETTINGS), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(saved));
        if (recognizer.learned().isPresent()) {
            try (OutputStream out = Files.newOutputStream(folder.resolve(MODEL))) {
                recognizer.learned().get().save(out);
            }
        }
    }
}
