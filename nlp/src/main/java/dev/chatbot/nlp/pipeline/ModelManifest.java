package dev.chatbot.nlp.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * What a model version folder holds ({@code manifest.json}).
 *
 * @param formatVersion   layout version of the model folder, currently 1
 * @param version         the version id (also the folder name), sortable by creation time
 * @param created         ISO-8601 instant of creation
 * @param dataFingerprint SHA-256 of the training data the steps were trained from
 * @param pipeline        the pipeline configuration the steps were trained with
 * @param encoderModelId  the sentence encoder the steps expect ({@link dev.chatbot.nlp.embedding.SentenceEncoder#modelId()})
 * @param steps           step names, in pipeline order; each has a sub-folder of the same name
 * @param trainSeconds    wall-clock training time
 * @param evaluation      evaluation summary, when the version was evaluated (may be null)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelManifest(int formatVersion, String version, String created, String dataFingerprint,
                            PipelineConfig pipeline, String encoderModelId, List<String> steps, double trainSeconds,
                            Map<String, Object> evaluation) {

    public static final int FORMAT_VERSION = 1;

    public ModelManifest {
        steps = List.copyOf(steps);
    }

    public ModelManifest withEvaluation(Map<String, Object> summary) {
        return new ModelManifest(formatVersion, version, created, dataFingerprint, pipeline, encoderModelId, steps,
                trainSeconds, summary);
    }
}
