-- What several instances of the host share through the database: the Data Protection key ring and the sign-in attempts
-- (see the PostgreSQL script). SQLite serves one machine; the tables make a restart keep its sessions all the same.
CREATE TABLE data_protection_keys (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    friendly_name TEXT NOT NULL UNIQUE,
    xml           TEXT NOT NULL
);

CREATE TABLE sign_in_attempts (
    address      TEXT    NOT NULL,
    window_start TEXT    NOT NULL,
    attempts     INTEGER NOT NULL,
    PRIMARY KEY (address, window_start)
);
CREATE INDEX sign_in_attempts_by_window ON sign_in_attempts (window_start);
