package dev.chatbot.nlp.intent;

import dev.chatbot.nlp.ml.TemperatureScaling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Averages the calibrated probabilities of several classifiers (each with its own temperature, fitted
 * on held-out folds) and scores each label with the log of that average.
 */
public final class EnsembleIntentClassifier implements IntentClassifier {

    /** A member and the temperature that calibrates its scores. */
    public record Member(IntentClassifier classifier, double temperature) {
    }

    private final List<Member> members;
    private final List<String> labels;

    public EnsembleIntentClassifier(List<Member> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs members");
        }
        this.members = List.copyOf(members);
        this.labels = members.get(0).classifier().labels();
        for (Member m : members) {
            if (!m.classifier().labels().equals(labels)) {
                throw new IllegalArgumentException("ensemble members disagree on labels");
            }
        }
    }

    public List<Member> members() {
        return members;
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    @Override
    public double[] scores(String text, float[] embedding) {
        double[] avg = new double[labels.size()];
        for (Member m : members) {
            double[] p = TemperatureScaling.probabilities(m.classifier().scores(text, embedding), m.temperature());
            for (int i = 0; i < avg.length; i++) {
                avg[i] += p[i] / members.size();
            }
        }
        for (int i = 0; i < avg.length; i++) {
            avg[i] = Math.log(Math.max(avg[i], 1e-12));
        }
        return avg;
    }

    @Override
    public boolean usesEmbeddings() {
        return members.stream().anyMatch(m -> m.classifier().usesEmbeddings());
    }

    @Override
    public String method() {
        return "ensemble";
    }

    @Override
    public void save(Path folder) throws IOException {
        Files.createDirectories(folder);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            lines.add(m.classifier().method() + "\t" + m.temperature());
            m.classifier().save(folder.resolve("member-" + i));
        }
        Files.write(folder.resolve("members.tsv"), lines);
    }
}
