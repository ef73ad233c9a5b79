package dev.chatbot.connectors.crm;

import org.junit.jupiter.api.Test;

import static dev.chatbot.connectors.crm.RetryDecision.Failure.CONNECTION_LOST;
import static dev.chatbot.connectors.crm.RetryDecision.Failure.NOT_CONNECTED;
import static dev.chatbot.connectors.crm.RetryDecision.Failure.PERMANENT;
import static dev.chatbot.connectors.crm.RetryDecision.Failure.SERVER_ERROR;
import static dev.chatbot.connectors.crm.RetryDecision.Failure.TIMED_OUT;
import static org.assertj.core.api.Assertions.assertThat;

class HttpCrmRetryDecisionTest {

    @Test
    void retries_reads_on_every_transient_failure() {
        for (var f : new RetryDecision.Failure[]{NOT_CONNECTED, TIMED_OUT, CONNECTION_LOST, SERVER_ERROR}) {
            assertThat(RetryDecision.mayRetry(true, f)).as(f.name()).isTrue();
        }
        assertThat(RetryDecision.mayRetry(true, PERMANENT)).isFalse();
    }

    @Test
    void retries_writes_only_when_they_never_left() {
        assertThat(RetryDecision.mayRetry(false, NOT_CONNECTED)).isTrue();
        for (var f : new RetryDecision.Failure[]{TIMED_OUT, CONNECTION_LOST, SERVER_ERROR, PERMANENT}) {
            assertThat(RetryDecision.mayRetry(false, f)).as(f.name()).isFalse();
        }
    }

    @Test
    void treats_501_and_client_errors_as_final() {
        assertThat(RetryDecision.transientStatus(503)).isTrue();
        assertThat(RetryDecision.transientStatus(429)).isTrue();
        assertThat(RetryDecision.transientStatus(501)).isFalse();
        assertThat(RetryDecision.transientStatus(404)).isFalse();
        assertThat(RetryDecision.transientStatus(401)).isFalse();
    }
}
