/**
 * Measurement of a trained pipeline on a held-apart test folder: {@link dev.chatbot.nlp.eval.NluEvaluator}
 * produces the evaluation report of contracts section 3 (intent accuracy and out-of-scope recall, entity
 * precision and recall on exact spans, sentiment accuracy, FAQ ranking quality, latency) with per-intent
 * detail, and renders it as JSON or as one self-contained HTML page with a confusion matrix.
 */
package dev.chatbot.nlp.eval;
