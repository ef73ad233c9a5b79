-- Conversations and their messages. Portable SQL: runs unchanged on H2 and PostgreSQL.

CREATE TABLE conversations (
    id              VARCHAR(36)  NOT NULL PRIMARY KEY,
    state           VARCHAR(32)  NOT NULL,
    locale          VARCHAR(16)  NOT NULL,
    customer_email  VARCHAR(320),
    last_seq        BIGINT       NOT NULL DEFAULT 0,
    rating          INTEGER,
    rating_comment  VARCHAR(2000),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX conversations_state_updated ON conversations (state, updated_at);

CREATE TABLE messages (
    conversation_id VARCHAR(36)  NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    seq             BIGINT       NOT NULL,
    role            VARCHAR(16)  NOT NULL,
    text            VARCHAR(20000) NOT NULL,
    client_id       VARCHAR(64),
    author          VARCHAR(200),
    extras          VARCHAR(20000),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (conversation_id, seq),
    CONSTRAINT messages_client_id_unique UNIQUE (conversation_id, client_id)
);
