package dev.chatbot.bench.nlu;

import dev.chatbot.nlp.data.FaqQuery;
import dev.chatbot.nlp.data.IntentDefinition;
import dev.chatbot.nlp.data.IntentExample;
import dev.chatbot.nlp.data.SentimentExample;
import dev.chatbot.nlp.data.TrainingData;
import dev.chatbot.nlp.data.TrainingDataLoader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The messages the latency benchmark replays: every text of the default bot's held-apart test folder
 * (intent examples, sentiment examples and FAQ queries, so they are not the texts the model was trained on),
 * plus a few long messages of the kind customers paste into a chat and a few emoji-only ones, shuffled with a
 * fixed seed so that every run sees the same order.
 */
public final class BenchMessages {

    /** Long messages: a story, a pasted e-mail, a list of problems. One is longer than the pipeline's 2,000-character cut. */
    static final List<String> LONG = List.of(
            "Hi there, I ordered a two-person tent and a sleeping bag on the 3rd of last month and paid extra for express "
                    + "delivery because we were going camping on the weekend. The tracking page said out for delivery on "
                    + "Friday morning, then nothing happened, and on Saturday it changed to 'returned to sender' without "
                    + "anyone ever knocking on my door. I have been in all day both days. Can you tell me where the parcel "
                    + "actually is and whether I can still get it this week, or else refund the express fee at least?",
            "hello!! so I bought the blue running shoes size 42 and they are too small, I usually wear 42 in every other "
                    + "brand but these are more like a 41. I still have the box and the receipt and I only tried them on at "
                    + "home on the carpet. what do I need to do to swap them for a 43, do I have to pay for the postage "
                    + "again or is the exchange free? also how long does the exchange take because I need them for a race",
            "I am writing for the third time about order A7K29QX. The kettle arrived with a cracked lid, I sent photos "
                    + "the same day as your colleague asked, I was promised a replacement within five working days and "
                    + "it is now almost three weeks later. Nobody answers my e-mails, the phone line puts me on hold for "
                    + "forty minutes and then hangs up. I want either the replacement sent today with tracking, or my "
                    + "money back in full, and I want to speak to a manager about how this has been handled.",
            "Quick question before I order: does the 65 litre backpack have a rain cover included or is that sold "
                    + "separately? And is the hip belt removable? I have a fairly long back (about 52 cm from the neck to "
                    + "the hips) so I'm also wondering whether the back length is adjustable or whether I should pick the "
                    + "large size. Last thing, do you ship to Norway and are there customs fees on top of the price?",
            "---------- Forwarded message ---------\nFrom: Orders <orders@example.com>\nSubject: Your order has been "
                    + "dispatched\n\nDear customer, thank you for shopping with us. Your order 4815162342 has been "
                    + "dispatched with our courier partner and should arrive within 3-5 working days. Items: 1 x camping "
                    + "stove, 2 x gas canister, 1 x pot set. Total paid: EUR 89.90 by card ending 4421.\n\n"
                    + "--> this was two weeks ago and I still have nothing. the courier site says the tracking number does "
                    + "not exist. is this a scam? I want to know where my things are",
            "ok so long story short: I changed my address in my account last month when I moved, then placed an order, "
                    + "and the order still went to my OLD address. the new people living there say they never got "
                    + "anything. I did double check the account page and it shows the new address. so either your system "
                    + "ignored it or something went wrong at checkout. I'd like to know what happened and what you are "
                    + "going to do about it, because I'm not paying twice for the same jacket.",
            longestMessage());

    /** Messages made only of emoji (and the odd punctuation mark), which carry sentiment but no words. */
    static final List<String> EMOJI_ONLY = List.of(
            "😡", "😡😡😡", "👍", "🙏🙏", "😭😭😭", "🤬🤬🤬🤬", "❤️", "👋", "🤔?", "📦❓", "😂😂", "🙄", "👎👎", "💯", "🥲");

    private BenchMessages() {
    }

    /** The mix read from {@code DATA/test-set}. */
    public static List<String> load(Path trainingData) {
        Path testSet = trainingData.resolve("test-set");
        if (!Files.isDirectory(testSet)) {
            throw new IllegalStateException("no held-apart test folder at " + testSet.toAbsolutePath());
        }
        // read() keeps going past validation problems: the benchmark only needs the texts
        TrainingData test = new TrainingDataLoader().read(testSet).data();
        List<String> texts = new ArrayList<>();
        for (IntentDefinition d : test.intents()) {
            for (IntentExample e : d.examples()) {
                texts.add(e.text());
            }
        }
        test.sentiment().stream().map(SentimentExample::text).forEach(texts::add);
        test.faqQueries().stream().map(FaqQuery::text).forEach(texts::add);
        if (texts.isEmpty()) {
            throw new IllegalStateException("the test folder " + testSet.toAbsolutePath() + " has no texts");
        }
        texts.addAll(LONG);
        texts.addAll(EMOJI_ONLY);
        Collections.shuffle(texts, new Random(2026));
        return List.copyOf(texts);
    }

    /** A complaint that goes on past the pipeline's 2,000-character cut, as when a customer pastes a thread. */
    private static String longestMessage() {
        StringBuilder sb = new StringBuilder("This is everything that happened, in order, so you do not have to ask me again. ");
        String[] days = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
        for (int i = 0; i < 14; i++) {
            sb.append(days[i % days.length]).append(i < 7 ? " of the first week" : " of the second week")
                    .append(": I checked the tracking page again and it still said 'label created', I called and waited ")
                    .append(10 + 5 * i).append(" minutes before giving up. ");
        }
        sb.append("I want a refund now.");
        return sb.toString();
    }
}
