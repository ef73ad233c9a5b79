/**
 * Intent classification with calibrated confidence and out-of-scope detection (the {@code intent}
 * step). Several {@link dev.chatbot.nlp.intent.IntentClassifier} methods live here (OpenNLP's
 * maximum-entropy baseline, logistic regression over sentence embeddings, over n-gram TF-IDF, over
 * both, nearest neighbours, and an ensemble); the trainer calibrates scores with a temperature and
 * chooses the out-of-scope threshold on held-out folds of the training data.
 */
package dev.chatbot.nlp.intent;
