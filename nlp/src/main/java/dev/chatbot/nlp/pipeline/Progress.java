package dev.chatbot.nlp.pipeline;

/**
 * Receives progress of long steps (training, evaluation) so that the command line can draw a progress
 * line and the admin console a progress bar.
 */
public interface Progress {

    /**
     * @param task  short name of what is running ({@code "intent: embedding examples"})
     * @param done  units done so far
     * @param total total units, or -1 when unknown
     */
    void update(String task, long done, long total);

    /** A sink that ignores everything. */
    Progress NONE = (task, done, total) -> { };
}
