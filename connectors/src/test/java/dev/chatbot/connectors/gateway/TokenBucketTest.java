package dev.chatbot.connectors.gateway;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketTest {

    @Test
    void allows_a_burst_then_refills_at_the_configured_rate() {
        long t = 0;
        TokenBucket bucket = new TokenBucket(3, 60, t);
        assertThat(bucket.tryTake(t)).isTrue();
        assertThat(bucket.tryTake(t)).isTrue();
        assertThat(bucket.tryTake(t)).isTrue();
        assertThat(bucket.tryTake(t)).isFalse();
        t += TimeUnit.MILLISECONDS.toNanos(999);
        assertThat(bucket.tryTake(t)).isFalse();
        t += TimeUnit.MILLISECONDS.toNanos(2);
        assertThat(bucket.tryTake(t)).isTrue();
        t += TimeUnit.MINUTES.toNanos(10);
        for (int i = 0; i < 3; i++) {
            assertThat(bucket.tryTake(t)).isTrue();
        }
        assertThat(bucket.tryTake(t)).as("never more than the burst").isFalse();
    }
}
