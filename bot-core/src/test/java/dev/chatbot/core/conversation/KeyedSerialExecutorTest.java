package dev.chatbot.core.conversation;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class KeyedSerialExecutorTest {

    @Test
    void runs_one_keys_tasks_in_order_and_other_keys_in_parallel() throws Exception {
        var pool = Executors.newFixedThreadPool(4);
        KeyedSerialExecutor lanes = new KeyedSerialExecutor(pool);
        List<Integer> order = new CopyOnWriteArrayList<>();
        CountDownLatch blocker = new CountDownLatch(1);
        lanes.submit("a", () -> {
            try {
                blocker.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            order.add(1);
        });
        for (int i = 2; i <= 20; i++) {
            int n = i;
            lanes.submit("a", () -> order.add(n));
        }
        // another key is not held up by the blocked one
        lanes.submit("b", blocker::countDown).get(5, TimeUnit.SECONDS);
        lanes.submit("a", () -> { }).get(5, TimeUnit.SECONDS);
        assertThat(order).containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 20).boxed().toList());
        assertThat(lanes.isBusy("a")).isFalse();
        pool.shutdown();
    }

    @Test
    void a_failing_task_does_not_stop_the_next() throws Exception {
        var pool = Executors.newSingleThreadExecutor();
        KeyedSerialExecutor lanes = new KeyedSerialExecutor(pool);
        lanes.submit("k", () -> {
            throw new IllegalStateException("boom");
        });
        List<String> ran = new CopyOnWriteArrayList<>();
        lanes.submit("k", () -> ran.add("next")).get(5, TimeUnit.SECONDS);
        assertThat(ran).containsExactly("next");
        pool.shutdown();
    }
}
