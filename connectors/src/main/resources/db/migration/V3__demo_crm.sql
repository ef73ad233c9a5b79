-- The embedded demo CRM: customers, their orders and order lines, and refund requests (docs/crm.md).
-- Portable SQL: runs unchanged on H2 and PostgreSQL. Tables are prefixed crm_ so they never collide with the
-- conversation tables.

CREATE TABLE crm_customers (
    id          VARCHAR(32)  NOT NULL PRIMARY KEY,
    email       VARCHAR(320) NOT NULL,
    -- the e-mail address in lower case, for case-insensitive lookups that can use an index
    email_key   VARCHAR(320) NOT NULL,
    name        VARCHAR(200) NOT NULL,
    CONSTRAINT crm_customers_email_key_unique UNIQUE (email_key)
);

CREATE TABLE crm_orders (
    id                  VARCHAR(32)   NOT NULL PRIMARY KEY,
    customer_id         VARCHAR(32)   NOT NULL REFERENCES crm_customers (id),
    status              VARCHAR(16)   NOT NULL,
    placed_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    total               DECIMAL(12, 2) NOT NULL,
    currency            VARCHAR(3)    NOT NULL,
    shipped_at          TIMESTAMP WITH TIME ZONE,
    carrier             VARCHAR(64),
    tracking_number     VARCHAR(64),
    delivered_at        TIMESTAMP WITH TIME ZONE,
    estimated_delivery  DATE,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT crm_orders_status_known
        CHECK (status IN ('pending', 'processing', 'shipped', 'delivered', 'cancelled', 'returned'))
);

CREATE INDEX crm_orders_customer ON crm_orders (customer_id);

CREATE TABLE crm_order_items (
    order_id    VARCHAR(32)    NOT NULL REFERENCES crm_orders (id) ON DELETE CASCADE,
    line_no     INTEGER        NOT NULL,
    sku         VARCHAR(64)    NOT NULL,
    name        VARCHAR(200)   NOT NULL,
    quantity    INTEGER        NOT NULL,
    price       DECIMAL(12, 2) NOT NULL,
    PRIMARY KEY (order_id, line_no)
);

CREATE TABLE crm_refunds (
    id          VARCHAR(32)    NOT NULL PRIMARY KEY,
    order_id    VARCHAR(32)    NOT NULL REFERENCES crm_orders (id) ON DELETE CASCADE,
    amount      DECIMAL(12, 2) NOT NULL,
    currency    VARCHAR(3)     NOT NULL,
    reason      VARCHAR(2000)  NOT NULL,
    status      VARCHAR(16)    NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX crm_refunds_order ON crm_refunds (order_id);

-- The day the demo data's dates were last computed for; at start-up they are moved forward to the current day so
-- that "shipped 2 days ago, arriving in 2 days" stays true.
CREATE TABLE crm_demo_anchor (
    id          INTEGER NOT NULL PRIMARY KEY,
    anchor_day  DATE    NOT NULL
);
