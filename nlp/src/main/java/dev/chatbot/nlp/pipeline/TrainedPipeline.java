package dev.chatbot.nlp.pipeline;

import java.util.List;

/**
 * Freshly trained steps, not yet saved.
 *
 * @param config          the configuration they were trained with
 * @param steps           trained steps in pipeline order
 * @param dataFingerprint fingerprint of the training data
 * @param encoderModelId  the encoder they were trained with
 * @param trainSeconds    wall-clock training time
 */
public record TrainedPipeline(PipelineConfig config, List<NluStep> steps, String dataFingerprint,
                              String encoderModelId, double trainSeconds) {

    public TrainedPipeline {
        steps = List.copyOf(steps);
    }
}
