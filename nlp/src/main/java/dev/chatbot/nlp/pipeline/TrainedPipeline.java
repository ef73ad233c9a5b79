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
 * @param stepSeconds     wall-clock training time of each step, in pipeline order
 */
public record TrainedPipeline(PipelineConfig config, List<NluStep> steps, String dataFingerprint,
                              String encoderModelId, double trainSeconds, java.util.Map<String, Double> stepSeconds) {

    public TrainedPipeline {
        steps = List.copyOf(steps);
        stepSeconds = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(stepSeconds));
    }

    public TrainedPipeline(PipelineConfig config, List<NluStep> steps, String dataFingerprint, String encoderModelId,
                           double trainSeconds) {
        this(config, steps, dataFingerprint, encoderModelId, trainSeconds, java.util.Map.of());
    }
}
