package dev.chatbot.nlp.pipeline;

/** A pipeline configuration that cannot be used: unknown step name, bad file, bad setting. */
public final class PipelineConfigException extends RuntimeException {

    public PipelineConfigException(String message) {
        super(message);
    }

    public PipelineConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
