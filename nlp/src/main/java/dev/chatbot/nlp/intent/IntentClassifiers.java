package dev.chatbot.nlp.intent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Loads a saved classifier by its method name. */
final class IntentClassifiers {

    private IntentClassifiers() {
    }

    static IntentClassifier load(Path folder, String method) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException("missing classifier folder " + folder);
        }
        return switch (method) {
            case "opennlp" -> OpenNlpIntentClassifier.load(folder);
            case "embedding-logreg", "ngram-logreg", "hybrid-logreg" -> {
                LinearIntentClassifier c = LinearIntentClassifier.load(folder);
                if (!c.method().equals(method)) {
                    throw new IOException(folder + " holds a " + c.method() + " model, expected " + method);
                }
                yield c;
            }
            case "knn" -> KnnIntentClassifier.load(folder);
            case "ensemble" -> loadEnsemble(folder);
            default -> throw new IOException("unknown intent method '" + method + "' in " + folder);
        };
    }

    private static IntentClassifier loadEnsemble(Path folder) throws IOException {
        Path index = folder.resolve("members.tsv");
        if (!Files.isRegularFile(index)) {
            throw new IOException("missing " + index);
        }
        List<EnsembleIntentClassifier.Member> members = new ArrayList<>();
        List<String> lines = Files.readAllLines(index);
        for (int i = 0; i < lines.size(); i++) {
            String[] parts = lines.get(i).split("\t");
            if (parts.length != 2) {
                throw new IOException(index + ":" + (i + 1) + ": expected 'method<TAB>temperature'");
            }
            double t;
            try {
                t = Double.parseDouble(parts[1]);
            } catch (NumberFormatException e) {
                throw new IOException(index + ":" + (i + 1) + ": bad temperature", e);
            }
            members.add(new EnsembleIntentClassifier.Member(load(folder.resolve("member-" + i), parts[0]), t));
        }
        if (members.isEmpty()) {
            throw new IOException(index + " lists no members");
        }
        try {
            return new EnsembleIntentClassifier(members);
        } catch (IllegalArgumentException e) {
            throw new IOException(folder + ": " + e.getMessage(), e);
        }
    }
}
