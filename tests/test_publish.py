"""Publishing from a real store: Atom + JSON Feed + entry documents + tombstones + archives,
checked by the RFC 4287 grammar, feedparser, a JSON Feed schema and the `reader` library."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import feedparser
import jsonschema
import pytest
from builders import T0, commit, make_update, page
from feedcheck import NS, assert_valid_atom, entry_ids
from lxml import etree

from livetail.config import Config, PublishConfig, SourceConfig, StateConfig
from livetail.feeds.atomext import AT, FH
from livetail.publisher import Publisher
from livetail.store.sqlite import SQLiteStore

BASE = "http://feeds.example.test/"
SCHEMA = json.loads((Path(__file__).parent / "data" / "schemas" / "jsonfeed-1.1.schema.json").read_text())


def make_config(tmp: Path, *, window: int = 50, content: str = "full") -> Config:
    return Config(
        state=StateConfig(path=tmp / "state.db"),
        publish=PublishConfig(dir=tmp / "public", base_url=BASE, window=window),
        sources=(SourceConfig(name="storm", url="https://e.org/live", content=content),),  # type: ignore[arg-type]
    )


class Clock:
    def __init__(self) -> None:
        self.now = T0 + timedelta(hours=5)

    def __call__(self):  # type: ignore[no-untyped-def]
        return self.now


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[SQLiteStore]:
    opened = await SQLiteStore.open(tmp_path / "state.db")
    yield opened
    await opened.close()


async def test_feeds_are_valid_and_deterministic(tmp_path: Path, store: SQLiteStore) -> None:
    config = make_config(tmp_path)
    publisher = Publisher(config, store, Clock())
    await commit(store, page(1, 2, 3), T0)
    await commit(store, page(1, 2, 3, 4), T0 + timedelta(minutes=10))
    changed = await publisher.publish_all()
    assert "feeds/storm.atom" in changed and "feeds/storm.json" in changed and "feeds.opml" in changed
    atom = (tmp_path / "public" / "feeds" / "storm.atom").read_bytes()
    assert_valid_atom(atom)
    parsed = feedparser.parse(atom)
    assert [e.title for e in parsed.entries] == ["Update 4", "Update 3", "Update 2", "Update 1"]
    assert parsed.entries[0].link == "https://e.org/live#post-4"
    jf = json.loads((tmp_path / "public" / "feeds" / "storm.json").read_bytes())
    jsonschema.validate(jf, SCHEMA)
    assert [i["id"] for i in jf["items"]] == entry_ids(atom)
    assert_valid_atom((tmp_path / "public" / "feeds" / "all.atom").read_bytes())
    jsonschema.validate(json.loads((tmp_path / "public" / "feeds" / "all.json").read_bytes()), SCHEMA)
    opml = etree.parse(str(tmp_path / "public" / "feeds.opml"))
    assert opml.xpath("//outline/@xmlUrl") == [BASE + "feeds/storm.atom"]
    # re-rendering an unchanged store changes nothing, byte for byte
    assert await Publisher(config, store, Clock()).publish_all() != []  # a fresh cache renders once…
    assert (tmp_path / "public" / "feeds" / "storm.atom").read_bytes() == atom  # …to the same bytes
    assert await publisher.publish_all() == []


async def test_entry_documents_validate_and_are_linked(tmp_path: Path, store: SQLiteStore) -> None:
    publisher = Publisher(make_config(tmp_path), store, Clock())
    await commit(store, page(1, 2), T0)
    await publisher.publish_all()
    atom = etree.fromstring((tmp_path / "public" / "feeds" / "storm.atom").read_bytes())
    entry_links = atom.xpath("//a:entry/a:link[@rel='self']/@href", namespaces=NS)
    assert len(entry_links) == 2
    for href in entry_links:
        path = tmp_path / "public" / href.removeprefix(BASE)
        data = path.read_bytes()
        root = assert_valid_atom_entry(data)
        assert root.tag == "{http://www.w3.org/2005/Atom}entry"
        looked_up = await Publisher(make_config(tmp_path), store, Clock()).lookup(href.removeprefix(BASE))
        assert looked_up is not None and looked_up.body == data  # served from the store, same bytes


def assert_valid_atom_entry(data: bytes) -> etree._Element:
    from feedcheck import _relaxng

    doc = etree.fromstring(data)
    schema = _relaxng()
    assert schema.validate(doc), schema.error_log
    assert doc.xpath("a:author", namespaces=NS)
    return doc


async def test_tombstones_and_edits(tmp_path: Path, store: SQLiteStore) -> None:
    clock = Clock()
    publisher = Publisher(make_config(tmp_path), store, clock)
    await commit(store, page(1, 2, 3), T0)
    await commit(store, [make_update(3), make_update(1)], T0 + timedelta(minutes=30))
    clock.now = T0 + timedelta(minutes=31)
    await publisher.publish_all()
    data = (tmp_path / "public" / "feeds" / "storm.atom").read_bytes()
    assert_valid_atom(data)
    root = etree.fromstring(data)
    tombstones = root.findall(f"{{{AT}}}deleted-entry")
    deleted = await store.list_tombstones("storm", since=T0)
    assert [t.get("ref") for t in tombstones] == [deleted[0].atom_id]
    assert tombstones[0].get("when", "").startswith("2026-03-01T12:30:00")
    assert deleted[0].atom_id not in entry_ids(data)
    # after the retention window the tombstone goes
    clock.now = T0 + timedelta(days=8)
    await publisher.publish_all()
    root = etree.fromstring((tmp_path / "public" / "feeds" / "storm.atom").read_bytes())
    assert root.findall(f"{{{AT}}}deleted-entry") == []


async def test_excerpt_mode_publishes_summary_and_link_only(tmp_path: Path, store: SQLiteStore) -> None:
    publisher = Publisher(make_config(tmp_path, content="excerpt"), store, Clock())
    await commit(store, page(1), T0)
    await publisher.publish_all()
    data = (tmp_path / "public" / "feeds" / "storm.atom").read_bytes()
    assert_valid_atom(data)
    assert b"<content" not in data and b"<summary>Body of update 1.</summary>" in data
    jf = json.loads((tmp_path / "public" / "feeds" / "storm.json").read_bytes())
    jsonschema.validate(jf, SCHEMA)
    assert "content_html" not in jf["items"][0]


async def test_the_feeds_over_every_source_keep_each_sources_content_mode(
    tmp_path: Path, store: SQLiteStore
) -> None:
    base = make_config(tmp_path)
    config = base.model_copy(
        update={
            "sources": (
                SourceConfig(name="storm", url="https://e.org/live", title="Storm"),
                SourceConfig(name="quake", url="https://e.org/quake", title="Quake", content="excerpt"),
            )
        }
    )
    await commit(store, page(1, 2), T0, source="storm")
    await commit(store, page(3, 4), T0, source="quake")
    await Publisher(config, store, Clock()).publish_all()
    feeds = tmp_path / "public" / "feeds"
    atom = etree.fromstring((feeds / "all.atom").read_bytes())
    contents = {
        entry.findtext("a:title", namespaces=NS): entry.find("a:content", namespaces=NS) is not None
        for entry in atom.xpath("//a:entry", namespaces=NS)
    }
    assert contents == {
        "[Quake] Update 4": False,
        "[Quake] Update 3": False,
        "[Storm] Update 2": True,
        "[Storm] Update 1": True,
    }
    jf = json.loads((feeds / "all.json").read_bytes())
    jsonschema.validate(jf, SCHEMA)
    assert {i["title"]: "content_html" in i for i in jf["items"]} == contents
    # Every document of an excerpt source holds no full text: its feeds and its entry documents.
    for path in [feeds / "quake.atom", feeds / "quake.json", *(feeds / "quake" / "entries").iterdir()]:
        assert b"<p>Body of update" not in path.read_bytes(), path


async def test_archives_recover_every_update_and_never_change(tmp_path: Path, store: SQLiteStore) -> None:
    clock = Clock()
    publisher = Publisher(make_config(tmp_path, window=50), store, clock)
    # 1,000 updates arriving 100 per poll
    for batch in range(10):
        now = T0 + timedelta(minutes=10 * batch)
        await commit(store, page(*range(batch * 100 + 1, batch * 100 + 101)), now)
    await publisher.publish_all()
    public = tmp_path / "public"

    def walk() -> tuple[list[str], dict[str, bytes]]:
        seen_archive: list[str] = []
        pages: dict[str, bytes] = {}
        data = (public / "feeds" / "storm.atom").read_bytes()
        assert_valid_atom(data)
        current_ids = entry_ids(data)
        href = etree.fromstring(data).xpath("a:link[@rel='prev-archive']/@href", namespaces=NS)
        while href:
            rel = href[0].removeprefix(BASE)
            body = (public / rel).read_bytes()
            pages[rel] = body
            root = assert_valid_atom(body)
            assert root.find(f"{{{FH}}}archive") is not None
            assert root.xpath("a:link[@rel='current']/@href", namespaces=NS) == [BASE + "feeds/storm.atom"]
            seen_archive += entry_ids(body)
            href = root.xpath("a:link[@rel='prev-archive']/@href", namespaces=NS)
        return seen_archive + current_ids, pages

    all_ids, pages = walk()
    stored = {u.atom_id for u in await store.list_by_first_seen("storm", offset=0, limit=5000)}
    assert len(stored) == 1000 and set(all_ids) == stored
    archive_ids = [i for body in pages.values() for i in entry_ids(body)]
    assert len(archive_ids) == len(set(archive_ids)) == 1000, "each update in exactly one archive page"
    assert len(pages) == 20

    for batch in range(10, 11):  # 100 more updates
        await commit(
            store, page(*range(batch * 100 + 1, batch * 100 + 101)), T0 + timedelta(minutes=10 * batch)
        )
    await publisher.publish_all()
    for rel, body in pages.items():
        assert (public / rel).read_bytes() == body, f"{rel} changed after it was archived"
    all_ids, pages_after = walk()
    assert len(pages_after) == 22 and len(set(all_ids)) == 1100


async def test_reader_library_reads_json_feed_and_atom(tmp_path: Path, store: SQLiteStore) -> None:
    from reader import make_reader

    await commit(store, page(1, 2, 3), T0)
    await Publisher(make_config(tmp_path), store, Clock()).publish_all()
    reader = make_reader(":memory:", feed_root=str(tmp_path / "public"))
    try:
        for name in ("storm.json", "storm.atom"):
            reader.add_feed(f"file:feeds/{name}")
        reader.update_feeds()
        for name in ("storm.json", "storm.atom"):
            entries = list(reader.get_entries(feed=f"file:feeds/{name}"))
            assert sorted(e.title for e in entries) == ["Update 1", "Update 2", "Update 3"]
            assert all(e.published is not None for e in entries)
    finally:
        reader.close()


async def test_every_instance_serves_what_the_database_holds(tmp_path: Path, store: SQLiteStore) -> None:
    """A second publisher (another instance, or a daemon beside a cron poll) re-renders a source
    whose stored version moved, instead of serving what it rendered at start."""
    clock_a, clock_b = Clock(), Clock()
    a = Publisher(make_config(tmp_path), store, clock_a)
    b = Publisher(make_config(tmp_path), store, clock_b)
    await commit(store, page(1, 2), T0)
    await a.publish_all()
    await b.publish_all()
    await commit(store, page(1, 2, 3), T0 + timedelta(minutes=5))
    await a.publish_all()
    clock_b.now += timedelta(seconds=2)
    served = await b.lookup("feeds/storm.atom")
    assert served is not None
    assert feedparser.parse(served.body).entries[0].title == "Update 3"


async def test_only_entry_documents_are_fsynced_and_a_start_repairs_the_rest(
    tmp_path: Path, store: SQLiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Feeds, archives, the aggregate and OPML are rewritten (compared with the disk) by every
    start, so they skip the fsync; entry documents, not all rendered again, keep it."""
    import os

    synced: list[str] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    config = make_config(tmp_path, window=2)
    await commit(store, page(1, 2, 3, 4, 5), T0)
    await Publisher(config, store, Clock()).publish_all()
    public = tmp_path / "public"
    entries = sorted(p.name for p in (public / "feeds" / "storm" / "entries").iterdir())
    assert (public / "feeds" / "storm" / "archive" / "1.atom").exists() and len(entries) == 2
    assert sorted(Path(s).name.split(".")[1] + ".atom" for s in synced) == entries
    assert all("/entries/." in s for s in synced)
    # A power cut left feeds empty or torn: the next start writes them again.
    written = {p: p.read_bytes() for p in public.rglob("*") if p.is_file() and "/entries/" not in str(p)}
    for path in written:
        path.write_bytes(b"")
    await Publisher(config, store, Clock()).publish_all()
    assert {p: p.read_bytes() for p in written} == written


async def test_a_forgotten_source_is_no_longer_served(tmp_path: Path, store: SQLiteStore) -> None:
    config = make_config(tmp_path, window=2)
    await commit(store, page(1, 2, 3, 4, 5), T0)
    publisher = Publisher(config, store, Clock())
    await publisher.publish_all()
    served = ["feeds/storm.atom", "feeds/storm.json", "feeds/storm/archive/1.atom"]
    entry = next(p for p in publisher.documents if p.startswith("feeds/storm/entries/"))
    for path in [*served, entry]:
        assert await publisher.lookup(path) is not None, path
    publisher.config = config.model_copy(update={"sources": ()})  # as a reload without it does
    publisher.forget("storm")
    for path in [*served, entry]:
        assert await publisher.lookup(path) is None, path
    assert not any("storm" in key for key in publisher._entry_keys)
    assert (tmp_path / "public" / "feeds" / "storm.atom").exists()  # exported files stay
