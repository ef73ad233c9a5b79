package dev.chatbot.connectors.crm;

/**
 * When a failed call to the HTTP CRM may be tried again. A read ({@code GET}) may always be repeated. A write
 * ({@code POST}: refunds, cancellations) is repeated only when it certainly never reached the CRM (no connection
 * was made); after a time-out, a lost connection or a server error it may have been carried out, and doing it twice
 * could record two refunds.
 */
final class RetryDecision {

    /** How an attempt failed. */
    enum Failure {
        /** No connection was made (refused, unreachable, connect time-out): the request was never sent. */
        NOT_CONNECTED,
        /** Connected and sent, but no complete answer in time. */
        TIMED_OUT,
        /** The connection broke after the request may have been sent. */
        CONNECTION_LOST,
        /** The CRM answered 500, 502, 503, 504 or 429. */
        SERVER_ERROR,
        /** Anything that will not get better by trying again (an oversized body, a bad answer). */
        PERMANENT
    }

    private RetryDecision() {
    }

    static boolean mayRetry(boolean idempotent, Failure failure) {
        return switch (failure) {
            case NOT_CONNECTED -> true;
            case TIMED_OUT, CONNECTION_LOST, SERVER_ERROR -> idempotent;
            case PERMANENT -> false;
        };
    }

    /** Statuses that say "try again later": 429 and the transient 5xx ones (not 501, which means never). */
    static boolean transientStatus(int status) {
        return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
    }
}
