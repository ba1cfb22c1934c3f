-- 0007: the pages a source has followed (mirrors sqlite_0007_source_pages.sql). A source pointed
-- at another page (a publisher's new live blog of the day) tells its updates apart per page.
-- source_pages: each page a source reconciled, numbered from 1 in the order first followed, with
-- the configured URL it was first followed under; sources.page: the page the latest reconciled
-- poll read; updates.page: the page an update came from. A source reconciled before this
-- migration followed page 1, at its stored url.
CREATE TABLE source_pages (
    source TEXT COLLATE "C" NOT NULL REFERENCES sources(name),
    page INTEGER NOT NULL,
    url TEXT NOT NULL,
    PRIMARY KEY (source, page)
);
ALTER TABLE sources ADD COLUMN page INTEGER NOT NULL DEFAULT 1;
ALTER TABLE updates ADD COLUMN page INTEGER NOT NULL DEFAULT 1;
INSERT INTO source_pages (source, page, url) SELECT name, 1, url FROM sources WHERE last_success_at IS NOT NULL;
