-- What the dialogue engine and the agents need: why a conversation was escalated, who has it, the engine's memory
-- of the conversation (slot filling, counters) and the trace of every bot turn.

ALTER TABLE conversations ADD COLUMN escalation_signal VARCHAR(64);
ALTER TABLE conversations ADD COLUMN escalation_score DOUBLE PRECISION;
ALTER TABLE conversations ADD COLUMN escalation_detail VARCHAR(2000);
ALTER TABLE conversations ADD COLUMN escalated_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE conversations ADD COLUMN assigned_agent VARCHAR(100);
ALTER TABLE conversations ADD COLUMN dialogue_state VARCHAR(20000);

CREATE TABLE turn_traces (
    conversation_id VARCHAR(36) NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    customer_seq    BIGINT      NOT NULL,
    trace           VARCHAR(60000) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (conversation_id, customer_seq)
);
