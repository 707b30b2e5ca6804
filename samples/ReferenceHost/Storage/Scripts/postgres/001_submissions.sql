-- Submissions exactly as received, and their status history. Times are UTC, ISO 8601 text (sortable), as in SQLite.
CREATE TABLE submissions (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reception_number TEXT   NOT NULL UNIQUE,
    receipt_hash     TEXT   NOT NULL UNIQUE, -- SHA-256 of the resident's receipt token; the token itself is never stored
    form_id          TEXT   NOT NULL,
    form_version     TEXT   NOT NULL,        -- the version it was validated against, so a later version never reinterprets it
    received_at      TEXT   NOT NULL,
    body             BYTEA  NOT NULL,        -- the request body, byte for byte
    body_sha256      TEXT   NOT NULL,
    status           TEXT   NOT NULL
);
CREATE INDEX submissions_by_form ON submissions (form_id, received_at);
CREATE INDEX submissions_by_status ON submissions (status, received_at);

CREATE TABLE status_history (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    submission_id BIGINT NOT NULL REFERENCES submissions (id),
    status        TEXT   NOT NULL,
    reason        TEXT,
    actor         TEXT   NOT NULL,           -- a staff account's name, or "resident" for the submission itself
    changed_at    TEXT   NOT NULL
);
CREATE INDEX status_history_by_submission ON status_history (submission_id, id);
