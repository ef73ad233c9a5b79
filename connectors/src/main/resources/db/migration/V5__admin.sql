-- The admin console's inbox of messages the bot did not understand: which of them an admin has dealt with (turned
-- into an intent example or an FAQ entry, or dismissed), so they leave the inbox. Portable SQL for H2 and PostgreSQL.

CREATE TABLE admin_inbox_handled (
    conversation_id VARCHAR(36)  NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    customer_seq    BIGINT       NOT NULL,
    action          VARCHAR(200) NOT NULL,
    handled_by      VARCHAR(64)  NOT NULL,
    handled_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (conversation_id, customer_seq)
);
