/**
 * Learning code shared by the intent and sentiment classifiers: sparse TF-IDF features over word and
 * character n-grams, a multinomial logistic regression trained with mini-batch Adam over a dense
 * (embedding) block and a sparse (n-gram) block, temperature scaling for calibrated confidence, and
 * stratified folds for cross-validation. Nothing here knows about intents or the pipeline.
 */
package dev.chatbot.nlp.ml;
