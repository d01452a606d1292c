//! The schema, as versioned migrations. `PRAGMA user_version` holds the number of migrations applied;
//! each new version is appended here and never edited once released, so an office's database from
//! last January opens with this year's program.

/// Migrations that leave much of the file free (a table moved elsewhere): the file is compacted
/// once after them (VACUUM), so an office's database does not keep twice its size.
pub const COMPACT_AFTER: &[usize] = &[4];

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
    // 2: report documents beside returns, section provenance and history, roster contacts, the
    // county's own identity.
    r#"
    ALTER TABLE agencies ADD COLUMN contact TEXT NOT NULL DEFAULT '';
    ALTER TABLE agencies ADD COLUMN phone TEXT NOT NULL DEFAULT '';
    -- What a return was read from: 'workbook', 'word' or 'web_page'. An agency and year has at most
    -- one current workbook and one current document.
    ALTER TABLE returns ADD COLUMN source TEXT NOT NULL DEFAULT 'workbook';
    -- A document's title, preamble and sections as read (JSON), for its review rules.
    ALTER TABLE returns ADD COLUMN document TEXT;
    DROP INDEX returns_one_current;
    CREATE UNIQUE INDEX returns_one_current ON returns(agency_id, year, source = 'workbook') WHERE current = 1;
    -- The return whose figures count for an agency and year: its current workbook, or else its
    -- current document (a report sent without an Excel return).
    CREATE VIEW figure_returns AS
        SELECT * FROM returns r WHERE r.current = 1 AND (r.source = 'workbook' OR NOT EXISTS (
            SELECT 1 FROM returns w WHERE w.agency_id = r.agency_id AND w.year = r.year
                                      AND w.current = 1 AND w.source = 'workbook'));
    -- Where a section's text came from: the office (source_file '') or a document and its place.
    ALTER TABLE sections ADD COLUMN source_file TEXT NOT NULL DEFAULT '';
    ALTER TABLE sections ADD COLUMN source_place TEXT NOT NULL DEFAULT '';
    -- Every text a section had before its current one.
    CREATE TABLE section_history (
        id           INTEGER PRIMARY KEY,
        agency_id    INTEGER NOT NULL,
        year         INTEGER NOT NULL,
        section      TEXT NOT NULL,
        state        TEXT NOT NULL,
        text         TEXT NOT NULL,
        source_file  TEXT NOT NULL,
        source_place TEXT NOT NULL,
        until        TEXT NOT NULL DEFAULT (datetime('now', 'localtime'))
    );
    CREATE INDEX section_history_of ON section_history(agency_id, year, section);
    -- Text a document brought for a section the office had edited or settled: kept aside until the
    -- office chooses between the two.
    CREATE TABLE section_offers (
        agency_id    INTEGER NOT NULL,
        year         INTEGER NOT NULL,
        section      TEXT NOT NULL,
        text         TEXT NOT NULL,
        source_file  TEXT NOT NULL,
        source_place TEXT NOT NULL,
        offered_at   TEXT NOT NULL DEFAULT (datetime('now', 'localtime')),
        PRIMARY KEY (agency_id, year, section)
    );
    -- The county's own identity and the office's choices: one value a key.
    CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    "#,
    // 3: the office's own 统计表 indicator tables, by the year from which each applies.
    r#"
    CREATE TABLE indicator_tables (
        year       INTEGER PRIMARY KEY,
        definition TEXT NOT NULL,
        saved_at   TEXT NOT NULL DEFAULT (datetime('now', 'localtime'))
    );
    "#,
    // 4: a return's figures kept with the return, one JSON array of [id, value, raw, sheet, cell]:
    // they are written once and always read whole (a return, a year's sums), and one row a return
    // instead of one a figure makes a batch import's writer four times quicker. The view `figures`
    // keeps them queryable as rows, as they were, for anyone looking at the database with SQL.
    r#"
    ALTER TABLE returns ADD COLUMN figure_data TEXT NOT NULL DEFAULT '[]';
    UPDATE returns SET figure_data = COALESCE(
        (SELECT json_group_array(json_array(f.figure, f.value, f.raw, f.sheet, f.cell))
         FROM figures f WHERE f.return_id = returns.id), '[]');
    DROP TABLE figures;
    CREATE VIEW figures AS
        SELECT r.id AS return_id, j.value ->> 0 AS figure, j.value ->> 1 AS value, j.value ->> 2 AS raw,
               j.value ->> 3 AS sheet, j.value ->> 4 AS cell
        FROM returns r, json_each(r.figure_data) j;
    "#,
    // 5: what the office did kept apart from what the files said. A return's content hash (its
    // format, tables, figures and document as read, before any correction) tells an unchanged file
    // at re-import; a removed return stays in history with when it was removed; a correction has
    // its note; names the office assigned to an agency are remembered as aliases; an agency
    // retired from a year no longer counts from that year, its earlier years still do.
    r#"
    ALTER TABLE returns ADD COLUMN content_hash TEXT;
    ALTER TABLE returns ADD COLUMN removed_at TEXT;
    ALTER TABLE figure_edits ADD COLUMN note TEXT NOT NULL DEFAULT '';
    ALTER TABLE agencies ADD COLUMN retired_from INTEGER;
    CREATE TABLE agency_aliases (
        alias      TEXT PRIMARY KEY,
        agency_id  INTEGER NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
        created_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime'))
    );
    DROP VIEW figure_returns;
    CREATE VIEW figure_returns AS
        SELECT * FROM returns r WHERE r.current = 1
            AND (r.source = 'workbook' OR NOT EXISTS (
                SELECT 1 FROM returns w WHERE w.agency_id = r.agency_id AND w.year = r.year
                                          AND w.current = 1 AND w.source = 'workbook'))
            AND NOT EXISTS (SELECT 1 FROM agencies a WHERE a.id = r.agency_id
                                          AND a.retired_from IS NOT NULL AND r.year >= a.retired_from);
    "#,
    // 6: codes, not the office's words, in the database: an agency's kind ('department', 'township')
    // and a section's state ('todo', 'draft', 'final'). The tables with CHECK constraints on the words
    // are rebuilt (with foreign keys checked after, see Store::migrate); the views over them are made
    // again.
    r#"
    DROP VIEW figure_returns;
    DROP VIEW figures;
    CREATE TABLE agencies_new (
        id           INTEGER PRIMARY KEY,
        name         TEXT NOT NULL UNIQUE,
        kind         TEXT NOT NULL CHECK (kind IN ('department', 'township')),
        retired      INTEGER NOT NULL DEFAULT 0,
        created_at   TEXT NOT NULL DEFAULT (datetime('now', 'localtime')),
        contact      TEXT NOT NULL DEFAULT '',
        phone        TEXT NOT NULL DEFAULT '',
        retired_from INTEGER
    );
    INSERT INTO agencies_new (id, name, kind, retired, created_at, contact, phone, retired_from)
        SELECT id, name, CASE kind WHEN '部门' THEN 'department' ELSE 'township' END,
               retired, created_at, contact, phone, retired_from FROM agencies;
    DROP TABLE agencies;
    ALTER TABLE agencies_new RENAME TO agencies;
    CREATE TABLE sections_new (
        agency_id    INTEGER NOT NULL,
        year         INTEGER NOT NULL,
        section      TEXT NOT NULL,
        state        TEXT NOT NULL CHECK (state IN ('todo', 'draft', 'final')),
        text         TEXT NOT NULL DEFAULT '',
        updated_at   TEXT NOT NULL DEFAULT (datetime('now', 'localtime')),
        source_file  TEXT NOT NULL DEFAULT '',
        source_place TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (agency_id, year, section)
    );
    INSERT INTO sections_new (agency_id, year, section, state, text, updated_at, source_file, source_place)
        SELECT agency_id, year, section,
               CASE state WHEN '待撰写' THEN 'todo' WHEN '已定稿' THEN 'final' ELSE 'draft' END,
               text, updated_at, source_file, source_place FROM sections;
    DROP TABLE sections;
    ALTER TABLE sections_new RENAME TO sections;
    UPDATE section_history SET state = CASE state WHEN '待撰写' THEN 'todo' WHEN '已定稿' THEN 'final'
                                                  WHEN '草稿' THEN 'draft' ELSE state END;
    CREATE VIEW figure_returns AS
        SELECT * FROM returns r WHERE r.current = 1
            AND (r.source = 'workbook' OR NOT EXISTS (
                SELECT 1 FROM returns w WHERE w.agency_id = r.agency_id AND w.year = r.year
                                          AND w.current = 1 AND w.source = 'workbook'))
            AND NOT EXISTS (SELECT 1 FROM agencies a WHERE a.id = r.agency_id
                                          AND a.retired_from IS NOT NULL AND r.year >= a.retired_from);
    CREATE VIEW figures AS
        SELECT r.id AS return_id, j.value ->> 0 AS figure, j.value ->> 1 AS value, j.value ->> 2 AS raw,
               j.value ->> 3 AS sheet, j.value ->> 4 AS cell
        FROM returns r, json_each(r.figure_data) j;
    "#,
    // 7: the review season. Each finding keeps a key (its rule, cells and message, which carries
    // the values) so the office's disposition of it survives a re-import that finds it again and
    // lapses when the figures change; each agency's review state of a year is kept as a history;
    // each 审核意见 letter sent is numbered per agency and year (its round) with the version of
    // the report it answered.
    r#"
    ALTER TABLE findings ADD COLUMN fkey TEXT NOT NULL DEFAULT '';
    UPDATE findings SET fkey = rule || '|' || cells || '|' || message;
    CREATE INDEX findings_fkey ON findings(fkey);
    CREATE TABLE finding_dispositions (
        agency_id   INTEGER NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
        year        INTEGER NOT NULL,
        fkey        TEXT NOT NULL,
        disposition TEXT NOT NULL CHECK (disposition IN ('confirmed', 'dismissed')),
        reason      TEXT NOT NULL DEFAULT '',
        at          TEXT NOT NULL DEFAULT (datetime('now', 'localtime')),
        PRIMARY KEY (agency_id, year, fkey)
    ) WITHOUT ROWID;
    CREATE TABLE review_states (
        id        INTEGER PRIMARY KEY,
        agency_id INTEGER NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
        year      INTEGER NOT NULL,
        state     TEXT NOT NULL CHECK (state IN ('submitted', 'returned', 'resubmitted', 'accepted', 'published')),
        round     INTEGER NOT NULL DEFAULT 0,
        date      TEXT NOT NULL DEFAULT '',
        url       TEXT NOT NULL DEFAULT '',
        note      TEXT NOT NULL DEFAULT '',
        at        TEXT NOT NULL DEFAULT (datetime('now', 'localtime'))
    );
    CREATE INDEX review_states_agency ON review_states(agency_id, year, id);
    CREATE TABLE review_letters (
        id        INTEGER PRIMARY KEY,
        agency_id INTEGER NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
        year      INTEGER NOT NULL,
        round     INTEGER NOT NULL,
        date      TEXT NOT NULL DEFAULT '',
        return_id INTEGER,
        findings  INTEGER NOT NULL DEFAULT 0,
        at        TEXT NOT NULL DEFAULT (datetime('now', 'localtime')),
        UNIQUE (agency_id, year, round)
    );
    CREATE TABLE rules_off (
        year INTEGER NOT NULL,
        rule TEXT NOT NULL,
        PRIMARY KEY (year, rule)
    ) WITHOUT ROWID;
    "#,
    // 8: a finding's key holds the values its cells hold instead of its message's wording, so a
    // reworded sentence keeps the office's dispositions (the keys are recomputed in Rust:
    // `review::rekey_findings`, run after this step by `RUST_STEPS`); the county's own report's
    // publication is kept per year.
    r#"
    CREATE TABLE county_publications (
        year INTEGER PRIMARY KEY,
        date TEXT NOT NULL DEFAULT '',
        url  TEXT NOT NULL DEFAULT '',
        at   TEXT NOT NULL DEFAULT (datetime('now', 'localtime'))
    );
    "#,
    // 9: the published page checked against the version the office accepted. A 审核通过 keeps
    // which versions (return and report document) were current; each agency's publication of a
    // year keeps its address, date (and where the date came from), days late, and what differs.
    r#"
    ALTER TABLE review_states ADD COLUMN return_id INTEGER;
    ALTER TABLE review_states ADD COLUMN document_id INTEGER;
    CREATE TABLE publications (
        agency_id     INTEGER NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
        year          INTEGER NOT NULL,
        url           TEXT NOT NULL DEFAULT '',
        date          TEXT NOT NULL DEFAULT '',
        date_source   TEXT NOT NULL DEFAULT '',
        late_days     INTEGER NOT NULL DEFAULT 0,
        compared_with INTEGER,
        accepted      INTEGER NOT NULL DEFAULT 0,
        differences   TEXT NOT NULL DEFAULT '[]',
        sections      TEXT NOT NULL DEFAULT '[]',
        identity      TEXT NOT NULL DEFAULT '',
        page          TEXT NOT NULL DEFAULT '',
        at            TEXT NOT NULL DEFAULT (datetime('now', 'localtime')),
        PRIMARY KEY (agency_id, year)
    ) WITHOUT ROWID;
    "#,
];

/// A step of a migration that SQL cannot do, run in its transaction right after the migration of
/// the same number (1-based).
pub type RustStep = fn(&rusqlite::Transaction) -> super::Result<()>;

/// See [`RustStep`].
pub const RUST_STEPS: &[(usize, RustStep)] = &[(8, super::review::rekey_findings)];
