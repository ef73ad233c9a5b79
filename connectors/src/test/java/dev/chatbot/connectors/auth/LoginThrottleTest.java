package dev.chatbot.connectors.auth;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

    private final Instant t0 = Instant.parse("2026-11-23T10:00:00Z");
    private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(10), 2, Duration.ofMinutes(15));

    @Test
    void blocks_an_address_after_too_many_failures_within_the_window_and_forgets_old_ones() {
        throttle.addressFailed("10.1.1.1", t0);
        throttle.addressFailed("10.1.1.1", t0.plusSeconds(60));
        assertThat(throttle.addressBlocked("10.1.1.1", t0.plusSeconds(61))).isEmpty();
        throttle.addressFailed("10.1.1.1", t0.plusSeconds(120));
        assertThat(throttle.addressBlocked("10.1.1.1", t0.plusSeconds(121))).contains(Duration.ofSeconds(479));
        assertThat(throttle.addressBlocked("10.9.9.9", t0.plusSeconds(121))).as("other addresses").isEmpty();
        assertThat(throttle.addressBlocked("10.1.1.1", t0.plus(Duration.ofMinutes(10)).plusSeconds(1))).isEmpty();
    }

    @Test
    void locks_unknown_usernames_like_real_accounts() {
        assertThat(throttle.unknownUserFailed("ghost", t0)).isEmpty();
        assertThat(throttle.unknownUserFailed("ghost", t0)).contains(t0.plus(Duration.ofMinutes(15)));
        assertThat(throttle.unknownUserLocked("ghost", t0.plusSeconds(1))).isPresent();
        assertThat(throttle.unknownUserLocked("ghost", t0.plus(Duration.ofMinutes(16)))).isEmpty();
    }
}
