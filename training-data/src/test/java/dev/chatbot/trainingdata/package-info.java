/**
 * Checks of the default bot's language data with the real loader, validator, trainer and evaluator: the folder is
 * valid, the held-apart test set is valid, and the trained bot keeps its measured quality.
 */
package dev.chatbot.trainingdata;
