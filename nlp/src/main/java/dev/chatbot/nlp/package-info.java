/**
 * The public face of the language layer: {@link dev.chatbot.nlp.NluEngine} turns one customer message
 * into an {@link dev.chatbot.nlp.NluResult} (language, intent with calibrated confidence and out-of-scope
 * flag, entities with normalised values, sentiment, FAQ hits). Everything the dialogue layer needs from
 * the language layer passes through the records in this package; the technology behind them lives in
 * the sub-packages.
 */
package dev.chatbot.nlp;
