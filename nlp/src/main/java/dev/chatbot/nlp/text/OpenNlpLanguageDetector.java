package dev.chatbot.nlp.text;

import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * OpenNLP's pretrained detector of 103 languages ({@code opennlp-models-langdetect} jar), reporting ISO 639-1
 * codes. The model's probabilities are spread over all 103 languages (a clear English sentence gets
 * about 0.04), so the confidence used here is the ratio of the best language's probability to the
 * runner-up's. Short messages are unreliable: below a number of letters or a ratio the answer is
 * {@link #UNDETERMINED}. The model (about 10 MB, several seconds to read) is read once per process, on
 * first use.
 */
public final class OpenNlpLanguageDetector implements LanguageDetector {

    /** The model file inside the models jar. */
    public static final String MODEL_RESOURCE = "langdetect-183.bin";

    private static final Map<String, String> ISO3_TO_ISO1 = iso3Map();

    private static final class Holder {
        static final LanguageDetectorModel MODEL = read();

        private static LanguageDetectorModel read() {
            try (InputStream in = OpenNlpLanguageDetector.class.getClassLoader().getResourceAsStream(MODEL_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("language model " + MODEL_RESOURCE
                            + " is not on the class path (dependency org.apache.opennlp:opennlp-models-langdetect)");
                }
                return new LanguageDetectorModel(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read language model " + MODEL_RESOURCE, e);
            }
        }
    }

    private final int minLetters;
    private final double minRatio;
    private final InstancePool<LanguageDetectorME> detectors = new InstancePool<>(() -> new LanguageDetectorME(Holder.MODEL));

    /**
     * @param minLetters    texts with fewer letters are undetermined
     * @param minRatio   the best guess must be at least this many times as likely as the runner-up
     */
    public OpenNlpLanguageDetector(int minLetters, double minRatio) {
        this.minLetters = minLetters;
        this.minRatio = minRatio;
    }

    /** Loads the model now rather than on the first message. */
    public static void preload() {
        Holder.MODEL.getClass();
    }

    @Override
    public String detect(String text) {
        if (text == null) {
            return UNDETERMINED;
        }
        long letters = text.codePoints().filter(Character::isLetter).count();
        if (letters < minLetters) {
            return UNDETERMINED;
        }
        try {
            Language[] ranked = detectors.with(d -> d.predictLanguages(text));
            if (ranked.length == 0) {
                return UNDETERMINED;
            }
            double second = ranked.length > 1 ? ranked[1].getConfidence() : 0.0;
            if (second > 0 && ranked[0].getConfidence() / second < minRatio) {
                return UNDETERMINED;
            }
            return toIso1(ranked[0].getLang());
        } catch (RuntimeException e) {
            return UNDETERMINED;
        }
    }

    /** Maps the model's ISO 639-3 codes to ISO 639-1 where one exists. */
    static String toIso1(String iso3) {
        return ISO3_TO_ISO1.getOrDefault(iso3, iso3);
    }

    private static Map<String, String> iso3Map() {
        Map<String, String> map = new HashMap<>();
        for (String iso1 : Locale.getISOLanguages()) {
            try {
                map.put(Locale.of(iso1).getISO3Language(), iso1);
            } catch (RuntimeException ignored) {
                // a code without a three-letter form
            }
        }
        // macrolanguage members the model uses
        map.put("cmn", "zh");
        map.put("zsm", "ms");
        map.put("pes", "fa");
        map.put("ekk", "et");
        map.put("lvs", "lv");
        map.put("swh", "sw");
        map.put("arb", "ar");
        map.put("uzn", "uz");
        map.put("azj", "az");
        map.put("khk", "mn");
        map.put("npi", "ne");
        map.put("ory", "or");
        map.put("plt", "mg");
        map.put("quz", "qu");
        return Map.copyOf(map);
    }
}
