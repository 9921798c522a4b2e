-- dyad store schema. Offsets are Python string indices into articles.text (end exclusive).
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);

CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY,        -- stable hash of normalized text (+ URL when known)
    url VARCHAR, title VARCHAR, source VARCHAR, published DATE, author VARCHAR,
    input VARCHAR,                 -- path, URL or 'stdin' it came from
    kind VARCHAR,                  -- text | html | jsonl | feed | warc | url | stdin
    text VARCHAR NOT NULL,         -- the clean text every span points into
    n_chars INTEGER,
    removed JSON,                  -- boilerplate removed from the raw input (raw offsets)
    meta JSON,
    story_id VARCHAR,              -- near-duplicate story group (corpus layer); NULL until grouped
    ingested_at TIMESTAMP DEFAULT current_timestamp
);

-- One row per event coded in one article: the auditable record with every span.
-- event_group is the real-world event it belongs to (GDELT's GlobalEventID); series count groups.
CREATE TABLE IF NOT EXISTS events (
    id VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    event_group VARCHAR,
    plover_type VARCHAR NOT NULL, plover_mode VARCHAR, contexts VARCHAR[],
    cameo_code VARCHAR, goldstein DOUBLE, quad_class INTEGER,
    source_actor_id VARCHAR, source_name VARCHAR, source_country VARCHAR, source_sector VARCHAR,
    target_actor_id VARCHAR, target_name VARCHAR, target_country VARCHAR, target_sector VARCHAR,
    reciprocal BOOLEAN,
    date VARCHAR, date_granularity VARCHAR, date_start DATE, date_end DATE, date_fallback BOOLEAN,
    location_name VARCHAR, location_geonameid BIGINT, location_country VARCHAR,
    lat DOUBLE, lon DOUBLE,
    modality VARCHAR NOT NULL,     -- asserted | negation | future | hypothetical | historical
    reported_by VARCHAR,           -- quotes.id when the event is someone's claim
    confidence DOUBLE,
    sentence_start INTEGER, sentence_end INTEGER,
    trigger_start INTEGER, trigger_end INTEGER, trigger_text VARCHAR,
    flags VARCHAR[],
    record JSON                    -- the full Event record with all spans
);

-- Links a real-world event (event_group) to every article and sentence that reports it.
CREATE TABLE IF NOT EXISTS mentions (
    event_group VARCHAR NOT NULL,
    event_id VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    source VARCHAR, url VARCHAR, published DATE,
    sentence_start INTEGER, sentence_end INTEGER,
    confidence DOUBLE,
    PRIMARY KEY (event_id)
);

CREATE TABLE IF NOT EXISTS actors (
    id VARCHAR PRIMARY KEY, name VARCHAR, country VARCHAR, sector VARCHAR, cameo_code VARCHAR,
    kind VARCHAR, aliases JSON, roles JSON
);

CREATE TABLE IF NOT EXISTS quotes (
    id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, kind VARCHAR,
    content_start INTEGER, content_end INTEGER, content_text VARCHAR,
    cue_start INTEGER, cue_end INTEGER, cue_text VARCHAR,
    speaker_actor_id VARCHAR, speaker_name VARCHAR, speaker_country VARCHAR,
    speaker_start INTEGER, speaker_end INTEGER, speaker_text VARCHAR,
    anonymous BOOLEAN, record JSON
);

CREATE TABLE IF NOT EXISTS flags (
    id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, kind VARCHAR, message VARCHAR,
    event_id VARCHAR, actor_id VARCHAR, spans JSON
);

-- Entities, actor mentions, time expressions and places, for the article reader.
CREATE TABLE IF NOT EXISTS annotations (
    article_id VARCHAR NOT NULL, layer VARCHAR, start INTEGER, "end" INTEGER, text VARCHAR,
    label VARCHAR, detail VARCHAR
);

CREATE TABLE IF NOT EXISTS ingest_errors (
    input VARCHAR, code VARCHAR, reason VARCHAR, failed_at TIMESTAMP DEFAULT current_timestamp
);
