/**
 * FAQ retrieval (the {@code faq} step): a {@link dev.chatbot.nlp.faq.FaqRetriever} ranks FAQ entries for
 * a message; {@link dev.chatbot.nlp.faq.LuceneFaqRetriever} combines Lucene BM25 over questions,
 * paraphrases and answers with an HNSW vector field of sentence embeddings, aggregates per entry and
 * gives a 0..1 score the dialogue policy can threshold. The index lives in the step's folder and can be
 * rebuilt and swapped while the server runs.
 */
package dev.chatbot.nlp.faq;
