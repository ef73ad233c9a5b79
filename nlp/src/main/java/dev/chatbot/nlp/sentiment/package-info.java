/**
 * Sentiment of customer messages (the {@code sentiment} step): negative, neutral or positive with a
 * polarity score, from a calibrated logistic regression over sentence embeddings, n-gram TF-IDF and a
 * small hand-written lexicon of complaint language (negation, swearing, urgency, "!!!", capitals,
 * emoji), so that an angry or desperate customer is caught even in short, misspelled messages.
 */
package dev.chatbot.nlp.sentiment;
