/**
 * The admin API behind the admin console ({@code /api/admin/intents}, {@code faq}, {@code entities}, {@code sentiment},
 * {@code train}, {@code models}, {@code inbox}): it edits the training-data folder the server was started with (every
 * change validated by the real validator first, written atomically, comments and order kept by rewriting only the
 * changed YAML values, optimistic locking through file versions), runs training and evaluation as one background job
 * at a time, compares each new version with the active one before it goes live, switches the running bot to a version
 * without a restart, and lists the customer messages the bot did not understand so an admin can teach it.
 */
package dev.chatbot.connectors.admin;
