/**
 * Rerunnable benchmarks of the language layer on the real pipeline: a JMH benchmark of whole-pipeline
 * prediction latency per message (one message at a time on one and two threads, and the batch path), the
 * message mix it replays (the default bot's held-apart test texts plus long and emoji-only messages), and
 * a command that times training of every step on 15,000 intent examples. Scripts in {@code bench/} build
 * and run them; the numbers and the commands are in docs/benchmarks.md and docs/nlu-quality.md.
 */
package dev.chatbot.bench.nlu;
