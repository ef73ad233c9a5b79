package dev.chatbot.connectors.nlu;

import dev.chatbot.nlp.FaqHit;
import dev.chatbot.nlp.NluEngine;
import dev.chatbot.nlp.NluResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedNluEngineTest {

    /** Stands in for the real pipeline: records on which threads and how many analyses ran at once. */
    private static final class RecordingEngine implements NluEngine {
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        final Set<Boolean> virtual = ConcurrentHashMap.newKeySet();

        @Override
        public NluResult analyze(String text) {
            if (text.equals("boom")) {
                throw new IllegalArgumentException("bad text");
            }
            int now = running.incrementAndGet();
            mostAtOnce.accumulateAndGet(now, Math::max);
            threads.add(Thread.currentThread().getName());
            virtual.add(Thread.currentThread().isVirtual());
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
            while (System.nanoTime() < until) {
                Thread.onSpinWait(); // CPU-bound, like the encoder
            }
            running.decrementAndGet();
            return null;
        }

        @Override
        public List<FaqHit> searchFaq(String query, int limit) {
            return List.of();
        }

        @Override
        public String modelVersion() {
            return "test";
        }
    }

    @Test
    void analyses_asked_for_by_many_virtual_threads_run_on_the_fixed_platform_threads_at_most_n_at_once()
            throws Exception {
        RecordingEngine engine = new RecordingEngine();
        ExecutorService pool = NluThreads.create(2);
        BoundedNluEngine bounded = new BoundedNluEngine(engine, pool);
        CountDownLatch done = new CountDownLatch(20);
        for (int i = 0; i < 20; i++) {
            Thread.ofVirtual().start(() -> {
                bounded.analyze("where is my order");
                done.countDown();
            });
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(engine.mostAtOnce.get()).isBetween(1, 2);
        assertThat(engine.virtual).containsExactly(false);
        assertThat(engine.threads).allMatch(n -> n.startsWith("chatbot-nlu-")).hasSizeBetween(1, 2);
        pool.shutdownNow();
    }

    @Test
    void a_failing_analysis_throws_its_own_exception_to_the_turn() {
        ExecutorService pool = NluThreads.create(1);
        BoundedNluEngine bounded = new BoundedNluEngine(new RecordingEngine(), pool);
        assertThatThrownBy(() -> bounded.analyze("boom")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad text");
        pool.shutdownNow();
    }
}
