//! The schema, as versioned migrations. `PRAGMA user_version` holds the number of migrations applied;
//! each new version is appended here and never edited once released, so an office's database from
//! last January opens with this year's program.

pub const MIGRATIONS: &[&str] = &[
    // 1: the roster, returns with their figures and provenance, findings, hand corrections, sections.
    r#"
    CREATE TABLE agencies (
        id         INTEGER PRIMARY KEY,
        name       TEXT NOT NULL UNIQUE,
        kind       TEXT NOT NULL CHECK (kind IN ('部门', '乡镇/街道')),
        retired    INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime'))
    );
    CREATE TABLE returns (
        id          INTEGER PRIMARY KEY,
        agency_id   INTEGER NOT NULL REFERENCES agencies(id),
        year        INTEGER NOT NULL,
        format      TEXT NOT NULL,
        tables      TEXT NOT NULL,
        file_name   TEXT NOT NULL,
        file_path   TEXT,
        imported_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime')),
        current     INTEGER NOT NULL DEFAULT 1
    );
    -- One current return per agency and year; earlier ones stay as history.
    CREATE UNIQUE INDEX returns_one_current ON returns(agency_id, year) WHERE current = 1;
    CREATE INDEX returns_year ON returns(year, current);
    CREATE TABLE figures (
        return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE,
        figure    TEXT NOT NULL,
        value     REAL,
        raw       TEXT NOT NULL,
        sheet     TEXT NOT NULL,
        cell      TEXT NOT NULL,
        PRIMARY KEY (return_id, figure)
    ) WITHOUT ROWID;
    CREATE TABLE findings (
        id        INTEGER PRIMARY KEY,
        return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE,
        rule      TEXT NOT NULL,
        cells     TEXT NOT NULL,
        refs      TEXT NOT NULL,
        message   TEXT NOT NULL
    );
    CREATE INDEX findings_return ON findings(return_id);
    CREATE TABLE figure_edits (
        id        INTEGER PRIMARY KEY,
        return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE,
        figure    TEXT NOT NULL,
        old_value REAL,
        old_raw   TEXT NOT NULL,
        new_value REAL,
        who       TEXT NOT NULL,
        at        TEXT NOT NULL DEFAULT (datetime('now', 'localtime'))
    );
    -- A report's narrative sections; agency_id 0 is the county's own report.
    CREATE TABLE sections (
        agency_id  INTEGER NOT NULL,
        year       INTEGER NOT NULL,
        section    TEXT NOT NULL,
        state      TEXT NOT NULL CHECK (state IN ('待撰写', '草稿', '已定稿')),
        text       TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime')),
        PRIMARY KEY (agency_id, year, section)
    );
    "#,
];
