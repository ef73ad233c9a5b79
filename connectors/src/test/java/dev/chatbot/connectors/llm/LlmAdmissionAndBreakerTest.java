package dev.chatbot.connectors.llm;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class LlmAdmissionAndBreakerTest {

    @Test
    void admits_up_to_the_bound_then_queues_then_turns_away() throws Exception {
        AdmissionGate gate = new AdmissionGate(1, 1);
        assertThat(gate.enter(Duration.ZERO)).isEqualTo(AdmissionGate.Entry.ADMITTED);
        Thread queued = Thread.ofVirtual().start(() -> {
            try {
                assertThat(gate.enter(Duration.ofSeconds(5))).isEqualTo(AdmissionGate.Entry.ADMITTED);
                gate.leave();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        while (gate.waiting() == 0) {
            Thread.sleep(5);
        }
        assertThat(gate.enter(Duration.ofSeconds(5))).isEqualTo(AdmissionGate.Entry.QUEUE_FULL);
        gate.leave();
        queued.join(5000);
        assertThat(gate.freeSlots()).isEqualTo(1);
    }

    @Test
    void a_queued_caller_gives_up_after_its_wait() throws Exception {
        AdmissionGate gate = new AdmissionGate(1, 3);
        gate.enter(Duration.ZERO);
        assertThat(gate.enter(Duration.ofMillis(50))).isEqualTo(AdmissionGate.Entry.WAITED_TOO_LONG);
        assertThat(gate.waiting()).isZero();
    }

    @Test
    void opens_on_failure_and_closes_when_the_probe_sees_the_server_back() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            AtomicBoolean up = new AtomicBoolean(false);
            AtomicInteger probes = new AtomicInteger();
            CircuitBreaker breaker = new CircuitBreaker(Duration.ofMillis(20), () -> {
                probes.incrementAndGet();
                return up.get();
            }, scheduler);
            assertThat(breaker.allows()).isTrue();
            breaker.recordFailure("connection refused");
            assertThat(breaker.allows()).isFalse();
            assertThat(breaker.reason()).isEqualTo("connection refused");
            while (probes.get() < 3) {
                Thread.sleep(10);
            }
            assertThat(breaker.allows()).isFalse();
            up.set(true);
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (!breaker.allows() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(breaker.allows()).isTrue();
            int after = probes.get();
            Thread.sleep(100);
            assertThat(probes.get()).as("probing stops once closed").isLessThanOrEqualTo(after + 1);
        } finally {
            scheduler.shutdownNow();
        }
    }
}
