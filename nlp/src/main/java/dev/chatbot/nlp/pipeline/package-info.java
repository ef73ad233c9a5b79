/**
 * The pipeline contract every NLU step follows (tokenizer, language detector, intent classifier,
 * entity recognizer, sentiment classifier, FAQ retriever): a {@link dev.chatbot.nlp.pipeline.StepTrainer}
 * trains a step from in-memory training data or loads it from its folder in a model version, and the
 * trained {@link dev.chatbot.nlp.pipeline.NluStep} reads and writes one
 * {@link dev.chatbot.nlp.pipeline.Analysis} per message. Which steps run, and in which order, is
 * configuration.
 */
package dev.chatbot.nlp.pipeline;
