/**
 * Sentence embeddings: a {@link dev.chatbot.nlp.embedding.SentenceEncoder} turns text into a fixed-size,
 * L2-normalised vector used by the intent classifier, the sentiment classifier and the FAQ retriever's
 * vector field. The default implementation runs the quantised all-MiniLM-L6-v2 ONNX model in process.
 */
package dev.chatbot.nlp.embedding;
