package dev.chatbot.nlp.text;

/** Guesses the language of a message. Thread-safe; never throws. */
public interface LanguageDetector {

    /** The undetermined language code. */
    String UNDETERMINED = "und";

    /**
     * @return an ISO 639-1 code ({@code en}), or {@link #UNDETERMINED} when the text is too short or the
     *         best guess is below the confidence threshold
     */
    String detect(String text);
}
