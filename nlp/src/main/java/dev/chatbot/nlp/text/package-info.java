/**
 * Text basics shared by the pipeline: cleaning of raw messages ({@link dev.chatbot.nlp.text.MessageText}),
 * and the {@code tokens} and {@code language} steps, which use OpenNLP's pretrained English tokenizer and
 * 103-language detector shipped in Maven Central jars (nothing is downloaded at run time).
 */
package dev.chatbot.nlp.text;
