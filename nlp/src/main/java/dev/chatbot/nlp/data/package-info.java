/**
 * The training-data folder (contracts section 2) as plain records: intents with their examples and
 * inline entity marks, entity definitions, sentiment examples, FAQ entries and FAQ test queries.
 * Each record remembers the file and line it came from so that validation errors and the admin
 * console can point at it. Loading and validation also live here; nothing in this package trains
 * or predicts.
 */
package dev.chatbot.nlp.data;
