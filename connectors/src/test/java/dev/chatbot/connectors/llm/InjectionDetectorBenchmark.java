package dev.chatbot.connectors.llm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Not a test: a rerunnable measurement of how long the input check takes on a typical message and on long
 * adversarial ones (see docs/llm.md for the command). Prints milliseconds per check after a warm-up.
 */
public final class InjectionDetectorBenchmark {

    private InjectionDetectorBenchmark() {
    }

    public static void main(String[] args) {
        PromptInjectionDetector detector = new PromptInjectionDetector();
        Random random = new Random(1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        StringBuilder base64ish = new StringBuilder();
        for (int i = 0; i < 4000; i++) {
            base64ish.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("typical message", "Hi, my parcel from last week still hasn't arrived and the tracking page "
                + "shows nothing. Can you help?");
        inputs.put("spaced letters", "a ".repeat(2000));
        inputs.put("base64-like", base64ish.toString());
        inputs.put("hex run", "0a".repeat(2000));
        inputs.put("repeated words", "please ignore the the the the ".repeat(130));
        inputs.put("open comments", "<!--".repeat(1000));
        for (Map.Entry<String, String> e : inputs.entrySet()) {
            for (int i = 0; i < 5; i++) {
                detector.inspect(e.getValue());
            }
            int rounds = 20;
            long start = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                detector.inspect(e.getValue());
            }
            System.out.printf("%-16s %5d chars  %6.2f ms per check%n", e.getKey(), e.getValue().length(),
                    (System.nanoTime() - start) / 1e6 / rounds);
        }
    }
}
