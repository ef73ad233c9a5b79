package dev.chatbot.connectors.nlu;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The platform threads that run the bot's analyses: a fixed number ({@code chatbot.nlu.max-concurrent}), daemon,
 * first come first served (a turn waiting longest is analysed next).
 */
final class NluThreads {

    private static final String NAME = "chatbot-nlu-";

    private NluThreads() {
    }

    static ExecutorService create(int size) {
        int n = Math.max(1, size);
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        return new ThreadPoolExecutor(n, n, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                r -> Thread.ofPlatform().daemon().name(NAME + count.getAndIncrement()).unstarted(r));
    }

    static boolean isNluThread() {
        Thread t = Thread.currentThread();
        return !t.isVirtual() && t.getName().startsWith(NAME);
    }
}
