package dev.chatbot.nlp.ml;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns text into sparse TF-IDF features: lower-cased word unigrams and bigrams plus character n-grams
 * taken inside each word with boundary marks ({@code <word>}), which make the features robust to typos
 * and inflections. Term frequencies are log-scaled, weighted by smoothed IDF and the vector is
 * L2-normalised. The vocabulary keeps features seen in at least {@code minCount} training texts, at
 * most {@code maxFeatures} of them (the most frequent). Immutable and thread-safe once fitted.
 */
public final class TextFeaturizer {

    private static final Pattern WORD_SPLIT = Pattern.compile("[^\\p{L}\\p{N}']+");
    private static final String MAGIC = "text-featurizer v1";

    /**
     * @param wordNgrams   longest word n-gram (1 or 2 usual)
     * @param charMin      shortest character n-gram (0 turns character n-grams off)
     * @param charMax      longest character n-gram
     * @param minCount     minimum number of training texts a feature must occur in
     * @param maxFeatures  vocabulary size limit
     */
    public record Options(int wordNgrams, int charMin, int charMax, int minCount, int maxFeatures) {

        public static Options defaults() {
            return new Options(2, 3, 5, 2, 60_000);
        }
    }

    private final Options options;
    private final Map<String, Integer> index;
    private final float[] idf;

    private TextFeaturizer(Options options, Map<String, Integer> index, float[] idf) {
        this.options = options;
        this.index = index;
        this.idf = idf;
    }

    /** Builds the vocabulary and IDF weights from training texts. */
    public static TextFeaturizer fit(List<String> texts, Options options) {
        Map<String, Integer> df = new HashMap<>();
        for (String t : texts) {
            for (String f : distinct(terms(t, options))) {
                df.merge(f, 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> kept = new ArrayList<>();
        for (Map.Entry<String, Integer> e : df.entrySet()) {
            if (e.getValue() >= options.minCount()) {
                kept.add(e);
            }
        }
        kept.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        if (kept.size() > options.maxFeatures()) {
            kept = kept.subList(0, options.maxFeatures());
        }
        kept.sort(Map.Entry.comparingByKey());
        Map<String, Integer> index = new HashMap<>(kept.size() * 2);
        float[] idf = new float[kept.size()];
        int n = texts.size();
        for (int i = 0; i < kept.size(); i++) {
            index.put(kept.get(i).getKey(), i);
            idf[i] = (float) (Math.log((1.0 + n) / (1.0 + kept.get(i).getValue())) + 1.0);
        }
        return new TextFeaturizer(options, index, idf);
    }

    public int dimensions() {
        return idf.length;
    }

    public Options options() {
        return options;
    }

    /** The TF-IDF vector of a text (empty for text without known features). */
    public SparseVector transform(String text) {
        TreeMap<Integer, Integer> counts = new TreeMap<>();
        for (String f : terms(text, options)) {
            Integer i = index.get(f);
            if (i != null) {
                counts.merge(i, 1, Integer::sum);
            }
        }
        int[] idx = new int[counts.size()];
        float[] val = new float[counts.size()];
        double norm = 0;
        int k = 0;
        for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
            idx[k] = e.getKey();
            val[k] = (float) ((1.0 + Math.log(e.getValue())) * idf[e.getKey()]);
            norm += (double) val[k] * val[k];
            k++;
        }
        if (norm > 0) {
            float inv = (float) (1.0 / Math.sqrt(norm));
            for (int i = 0; i < val.length; i++) {
                val[i] *= inv;
            }
        }
        return new SparseVector(idx, val);
    }

    /** Lower-cased words of a text, split on anything but letters, digits and apostrophes. */
    public static List<String> words(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String[] parts = WORD_SPLIT.split(text.toLowerCase(Locale.ROOT));
        List<String> out = new ArrayList<>(parts.length);
        for (String p : parts) {
            String w = p.replaceAll("^'+|'+$", "");
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    static List<String> terms(String text, Options o) {
        List<String> words = words(text);
        List<String> out = new ArrayList<>(words.size() * 8);
        for (int n = 1; n <= o.wordNgrams(); n++) {
            for (int i = 0; i + n <= words.size(); i++) {
                out.add("w" + n + ":" + String.join(" ", words.subList(i, i + n)));
            }
        }
        if (o.charMin() > 0) {
            for (String w : words) {
                String m = "<" + w + ">";
                for (int n = o.charMin(); n <= o.charMax(); n++) {
                    for (int i = 0; i + n <= m.length(); i++) {
                        out.add("c:" + m.substring(i, i + n));
                    }
                }
            }
        }
        return out;
    }

    private static List<String> distinct(List<String> terms) {
        return terms.stream().distinct().toList();
    }

    /** Writes the vocabulary and weights as UTF-8 text. */
    public void save(Path file) throws IOException {
        String[] byIndex = new String[idf.length];
        index.forEach((term, i) -> byIndex[i] = term);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(MAGIC + "\n");
            w.write(options.wordNgrams() + " " + options.charMin() + " " + options.charMax() + " "
                    + options.minCount() + " " + options.maxFeatures() + " " + idf.length + "\n");
            for (int i = 0; i < idf.length; i++) {
                w.write(Float.toString(idf[i]));
                w.write('\t');
                w.write(byIndex[i]);
                w.write('\n');
            }
        }
    }

    public static TextFeaturizer load(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            if (!MAGIC.equals(r.readLine())) {
                throw new IOException(file + ": not a text-featurizer file");
            }
            String header = r.readLine();
            int[] h;
            try {
                h = Arrays.stream(header == null ? new String[0] : header.split(" ")).mapToInt(Integer::parseInt).toArray();
            } catch (NumberFormatException e) {
                throw new IOException(file + ": bad header line '" + header + "'", e);
            }
            if (h.length != 6) {
                throw new IOException(file + ": bad header line '" + header + "'");
            }
            Options o = new Options(h[0], h[1], h[2], h[3], h[4]);
            int n = h[5];
            Map<String, Integer> index = new HashMap<>(n * 2);
            float[] idf = new float[n];
            for (int i = 0; i < n; i++) {
                String line = r.readLine();
                int tab = line == null ? -1 : line.indexOf('\t');
                if (tab < 0) {
                    throw new IOException(file + ": truncated at feature " + i + " of " + n);
                }
                try {
                    idf[i] = Float.parseFloat(line.substring(0, tab));
                } catch (NumberFormatException e) {
                    throw new IOException(file + ": bad weight at feature " + i, e);
                }
                index.put(line.substring(tab + 1), i);
            }
            return new TextFeaturizer(o, index, idf);
        }
    }
}
