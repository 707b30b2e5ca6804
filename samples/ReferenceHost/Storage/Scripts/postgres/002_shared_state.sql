-- What several instances of the host share through the database: the Data Protection key ring (so a staff cookie made
-- by one instance is read by another, and a restart signs no one out) and the sign-in attempts each address made (so
-- the throttle counts every instance's attempts).
CREATE TABLE data_protection_keys (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    friendly_name TEXT NOT NULL UNIQUE,
    xml           TEXT NOT NULL              -- the key's XML as Data Protection stores it: encrypted when a certificate is configured
);

CREATE TABLE sign_in_attempts (
    address      TEXT    NOT NULL,           -- the client's address (a network identifier, not a resident's data)
    window_start TEXT    NOT NULL,           -- the minute (UTC, ISO 8601) the attempts fell in
    attempts     INTEGER NOT NULL,
    PRIMARY KEY (address, window_start)
);
CREATE INDEX sign_in_attempts_by_window ON sign_in_attempts (window_start);
