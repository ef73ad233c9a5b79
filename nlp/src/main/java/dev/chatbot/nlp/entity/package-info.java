/**
 * Entity recognition, the {@code entities} pipeline step: an {@link dev.chatbot.nlp.entity.EntityRecognizer}
 * combines deterministic finders (regular expressions and lookup values from the {@code entities/} folder,
 * built-in rules for e-mail addresses, order ids, money amounts and dates, each with a normalised value a
 * handler can use) with an OpenNLP name finder trained in memory from the inline marks of intent examples.
 * Overlapping mentions keep the longest deterministic one; learned mentions fill the gaps.
 */
package dev.chatbot.nlp.entity;
