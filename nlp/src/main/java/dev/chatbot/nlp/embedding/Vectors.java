package dev.chatbot.nlp.embedding;

/** Small helpers for dense float vectors. */
public final class Vectors {

    private Vectors() {
    }

    /** Scales the vector to unit length in place; a zero vector stays zero. Returns it. */
    public static float[] normalizeInPlace(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        if (sum > 0) {
            float inv = (float) (1.0 / Math.sqrt(sum));
            for (int i = 0; i < v.length; i++) {
                v[i] *= inv;
            }
        }
        return v;
    }

    public static double dot(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("dimension mismatch: " + a.length + " vs " + b.length);
        }
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    public static double norm(float[] v) {
        return Math.sqrt(dot(v, v));
    }
}
