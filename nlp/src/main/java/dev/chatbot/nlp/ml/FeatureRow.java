package dev.chatbot.nlp.ml;

/**
 * The features of one example for a linear model: an optional dense block (a sentence embedding) and
 * an optional sparse block (n-gram TF-IDF). A block that a model does not use is null.
 *
 * @param dense  dense features, or null
 * @param sparse sparse features, or null
 */
public record FeatureRow(float[] dense, SparseVector sparse) {
}
