/**
 * The bot's language model at run time: validates the training data at start-up, trains a model version when the
 * data changed (or loads the active one), keeps a snapshot of the training data with each version, and swaps the
 * active {@link dev.chatbot.core.dialogue.BotModel} without a restart when an admin activates another version.
 */
package dev.chatbot.connectors.nlu;
