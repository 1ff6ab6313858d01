"""The library's persistent index: each post's summary and search text in SQLite, in the app's
cache folder. A cache of the files, never the truth.

Rows are keyed by the post's path, size and modification and change times, so a start or a
`postdesk list` reads only the files that changed since the last scan (an edit in another editor, a
pull, a branch switch) and takes every other row from here. Words are searched in an FTS5 trigram
index, which finds any part of a word as `summaries.matches` does; it is built from the texts a scan
leaves pending, after the library is listed (`build_search`), and until then the pending texts
are searched directly. Words of one or two letters, which a trigram cannot find, are answered by
a second FTS5 index whose terms are the letters and pairs of letters each text holds (`_grams`).

A library without a file is indexed into a new file beside it, without a journal or waiting for
the disk, which takes the index's name once complete (`_build`): a first scan cut short leaves
nothing half written. Deleting the file costs one full scan. A cache that cannot be opened, read
or written (corrupt, read-only, locked, made by another version) is rebuilt or left aside: the
library is then scanned as before, every search answered in memory, and the writer is told
nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import itertools
import json
import os
import pickle
import sqlite3
import sys
import threading
import time
from collections import OrderedDict, deque
from collections.abc import ItemsView, Iterator, KeysView, Mapping, ValuesView
from dataclasses import dataclass, fields
from itertools import repeat
from pathlib import Path
from typing import Any, Iterable, Sequence

from desktop_app import __version__
from desktop_app.core.errors import Cancelled, PostdeskError
from desktop_app.core.site.config import SiteConfig
from desktop_app.core.site.library import summaries
from desktop_app.core.site.library.summaries import PostSummary
from desktop_app.core.tasks import CancelToken, Progress, ProgressCallback

SCHEMA = 6  # PRAGMA user_version of the file's tables; another value: the file is rebuilt
TRIGRAM = 3  # words shorter than a trigram are looked for in the texts themselves
RACY_NS = 2_000_000_000  # a file changed this recently may change again within its timestamp's tick
BATCH_SECONDS = 0.25  # when a long scan first hands over the rows read so far (then twice as long each time)
BUILD_CHUNK = 400  # texts moved into the full-text index per transaction
CACHE_KIB = -256  # SQLite page cache per connection (negative: KiB), instead of 2 MiB
_BUILDING = ".building"  # the name's end of a new index file before it is complete
_BUILDS = itertools.count()
# A post read by a scan: its row id (None: a new row), path, collection, (size, mtime, ctime), summary, search text.
_Fresh = tuple[int | None, str, str, tuple[int, int, int], PostSummary, str]


@dataclass(frozen=True)
class RowsSoFar(Progress):
    """A progress report of a long scan carrying every row read so far (unsorted, without git
    states), so the library can show them before the scan ends."""

    posts: tuple[PostSummary, ...] = ()


class LibraryIndex:
    """One repository's index. `scan` and `search` may run on different threads at once (each
    thread has its own connection); `file` is None when the library is kept in memory only."""

    def __init__(self, file: Path | None) -> None:
        self.file = file
        self._local = threading.local()
        self._generation = 0  # of the connections: `close` makes every older one stale
        self._memory: list[PostSummary] | None = None if file is not None else []
        # Each listed post's row id (path → id) as the last scan left the file, and the largest:
        # `find` answers with a byte per id, which the library thread reads through this.
        self._ids: tuple[dict[str, int], int] = ({}, 0)  # one tuple: another thread reads both at once

    @classmethod
    def for_repository(cls, cache_dir: Path, root: Path) -> "LibraryIndex":
        """The index of the repository at `root`, in `cache_dir/library/`."""
        digest = hashlib.sha256(str(root.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:20]
        return cls(cache_dir / "library" / f"{digest}.sqlite3")

    @property
    def in_memory(self) -> bool:
        """True once the cache was set aside: scans read every file, searches look in memory."""
        return self._memory is not None

    # --- scanning ------------------------------------------------------------------------------

    def scan(self, site: SiteConfig, cancel: CancelToken | None = None, progress: ProgressCallback | None = None,
             ) -> list[PostSummary]:
        """Every post of `site`, unsorted, as `summaries.scan` lists them, reading only the files
        that changed since the last scan. The summaries carry no `search_text` (see `search`)."""
        if self._memory is None:
            try:
                return self._scan_indexed(site, cancel, progress)
            except (sqlite3.Error, OSError):
                self.close()
                self._memory = []
        posts = summaries.scan(site, cancel, progress)
        self._memory = posts
        return posts

    def _scan_indexed(self, site: SiteConfig, cancel: CancelToken | None,
                      progress: ProgressCallback | None) -> list[PostSummary]:
        assert self.file is not None
        if os.path.lexists(self.file):
            db = self._connection()
            _match_site(db, site)
            posts, ids, fresh, gone = self._read(db, site, cancel, progress)
            ids.update(_write(db, fresh, gone))
        else:
            posts, ids = self._build(site, cancel, progress)
        self._ids = ids, max(ids.values(), default=0)
        if len(posts) > 1000:
            _give_back_memory()
        return posts

    def _build(self, site: SiteConfig, cancel: CancelToken | None,
               progress: ProgressCallback | None) -> tuple[list[PostSummary], dict[str, int]]:
        """The index of a library that has no file yet, written without a journal and without
        waiting for the disk into a new file beside it, which is moved into place once complete:
        a build cut short leaves no half index under the file's name. Written through the
        write-ahead log instead, the rows and pending texts were copied twice (0.05 s of CPU and
        as much waiting for the disk at 10,000 posts). Then the posts and their row ids."""
        assert self.file is not None
        file = self.file
        file.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_builds(file)
        temporary = file.with_name(f"{file.name}.{os.getpid()}-{next(_BUILDS)}{_BUILDING}")
        try:
            db = sqlite3.connect(temporary, isolation_level=None, check_same_thread=False)
            try:
                db.execute("PRAGMA journal_mode=OFF")  # a build that fails is thrown away: nothing to roll back
                db.execute("PRAGMA synchronous=OFF")
                db.execute(f"PRAGMA cache_size={CACHE_KIB}")
                db.execute("PRAGMA locking_mode=EXCLUSIVE")  # locked until closed: a build under way
                _create(db)
                _match_site(db, site)
                posts, ids, fresh, gone = self._read(db, site, cancel, progress)
                ids.update(_write(db, fresh, gone))
                db.execute("PRAGMA journal_mode=WAL")  # as `_open` keeps it, set before anyone opens it
            finally:
                db.close()
            placed = _place(temporary, file)
        finally:
            try:
                _remove(temporary)
            except OSError:  # Windows, another process having the index open: a second name for it stays
                pass
        self.close()  # a connection another thread kept to a deleted file opens this one
        if not placed:  # another process (or thread) made the file meanwhile: the rows go into it
            db = self._connection()
            _match_site(db, site)
            known: dict[str, int] = dict(db.execute("SELECT path, id FROM posts"))
            fresh = [(known.pop(relative, None), relative, *rest) for _number, relative, *rest in fresh]
            ids = _write(db, fresh, known.values())
        return posts, ids

    @staticmethod
    def _read(db: sqlite3.Connection, site: SiteConfig, cancel: CancelToken | None,
              progress: ProgressCallback | None) -> tuple[list[PostSummary], dict[str, int], list[_Fresh], list[int]]:
        """Every post of `site`, each taken from `db`'s row when its file is unchanged: the posts,
        the row ids of those taken, the rows to write (`_write`) and the ids of the rows to forget."""
        # path → (path, id, collection, size, mtime, ctime, the summary's columns…, front-matter values)
        cached = {row[0]: row for row in db.execute(_SELECT_ROWS)}
        ids: dict[str, int] = {}
        posts: list[PostSummary] = []
        fresh: list[_Fresh] = []
        expected = len(cached)  # as many as last time, most likely
        prefix = os.path.join(str(site.root), "")
        now = time.time_ns()
        handed, wait = time.monotonic(), BATCH_SECONDS
        number = -1
        # One entry at a time: a list of 10,000 paths would stay in the window's memory as holes.
        for number, (collection, name, outside) in enumerate(summaries.entry_names(site)):
            if cancel is not None and number % 128 == 0:
                cancel.raise_if_cancelled()
            relative = name[len(prefix):].replace(os.sep, "/") if name.startswith(prefix) else \
                Path(name).relative_to(site.root).as_posix()
            row = cached.pop(relative, None)
            try:
                status = os.stat(name)
            except OSError:
                status = None
            if row is not None and outside is None and status is not None and row[2] == collection and \
                    row[3] == status.st_size and row[4] == status.st_mtime_ns and row[5] == status.st_ctime_ns:
                summary = _load_summary(row)
                if summary is not None:
                    posts.append(summary)
                    ids[summary.path] = row[1]
                    continue
            stamp = (status.st_size, status.st_mtime_ns, status.st_ctime_ns) if status is not None else None
            read = summaries.read_entry(site, collection, name, outside,  # a path string: no `Path` per post
                                        stamp[0] if stamp is not None else None, relative)
            summary = _stored(read)
            posts.append(summary)
            if outside is None and stamp is not None:
                if now - stamp[1] < RACY_NS:  # may change again unseen within its tick: read it next time
                    stamp = (stamp[0], -1, -1)
                fresh.append((row[1] if row else None, relative, collection, stamp, summary, read.search_text))
            elif row is not None:
                cached[relative] = row  # no longer kept: deleted below
            if progress is not None and time.monotonic() - handed > wait:
                # The rows so far after a quarter of a second, then less and less often: the
                # library arranges each set it is handed, which a long scan must not wait for.
                handed, wait = time.monotonic(), wait * 2
                progress(RowsSoFar(f"Reading posts ({number})", number / expected if number < expected else None,
                                   tuple(posts)))
        return posts, ids, fresh, [row[1] for row in cached.values()]

    # --- searching -----------------------------------------------------------------------------

    def search(self, words: Sequence[str], cancel: CancelToken | None = None) -> set[str]:
        """The paths of the posts whose search text (title, tags and body, lower-cased) holds
        every one of `words` (lower-cased), as `summaries.matches` finds them. Cancelled when
        `cancel` is set while SQLite works."""
        words = [word for word in words if word]
        if self._memory is not None:
            return {post.path for post in self._memory if all(word in post.search_text for word in words)}
        if not words:
            return {path for (path,) in self._connection().execute("SELECT path FROM posts")}
        try:
            return self._search_indexed(words, cancel)
        except sqlite3.Error as error:
            if cancel is not None and cancel.cancelled:
                raise Cancelled() from error
            self.close()
            self._memory = []  # the next scan reads every file and keeps the texts in memory
            raise PostdeskError("The library's search index cannot be read.",
                                hint="Refresh (F5) lists the posts again without it.", details=str(error)) from error

    def _search_indexed(self, words: list[str], cancel: CancelToken | None) -> set[str]:
        matching, params = _matching(words)
        return {path for (path,) in self._query(f"SELECT path FROM posts WHERE id IN ({matching})", params, cancel)}

    def find(self, words: Sequence[str], cancel: CancelToken | None = None) -> Found:
        """What `search` finds, as the library's thread filters its rows: a byte per row id.
        Handing over 100,000 paths took 80 ms; SQLite joins the ids into one string, which
        json's reader turns into numbers, so a word most posts hold costs 15-20 ms."""
        words = [word for word in words if word]
        ids, top = self._ids
        if self._memory is not None or not ids:
            return Found(paths=self.search(words, cancel))
        if not words:  # every listed post
            return Found(bits=bytearray(b"\x01") * (top + 1), ids=ids)
        try:
            matching, params = _matching(words)
            (joined,), = self._query(f"SELECT group_concat(id) FROM ({matching})", params, cancel)
        except sqlite3.Error as error:
            if cancel is not None and cancel.cancelled:
                raise Cancelled() from error
            return Found(paths=self.search(words, cancel))  # says why, and searches in memory from then on
        numbers: list[int] = json.loads(f"[{joined}]") if joined else []
        if numbers and (max(numbers) > top or min(numbers) < 1):  # not the listed posts' (a tampered file)
            numbers = [number for number in numbers if 0 < number <= top]
        bits = bytearray(top + 1)  # every listed post's id has its byte
        deque(map(bits.__setitem__, numbers, repeat(1)), maxlen=0)  # bits[n] = 1 for each, in C
        return Found(bits=bits, ids=ids)

    def _query(self, sql: str, params: list[str], cancel: CancelToken | None) -> list[tuple[Any, ...]]:
        db = self._connection()
        if cancel is not None:
            db.set_progress_handler(lambda: 1 if cancel.cancelled else 0, 20_000)
        try:
            return db.execute(sql, params).fetchall()
        finally:
            db.set_progress_handler(None, 0)

    def build_search(self, cancel: CancelToken | None = None) -> bool:
        """Move the texts the scans left pending into the full-text index, a chunk per
        transaction so searches and scans go on meanwhile; True when none is left."""
        if self._memory is not None:
            return True
        try:
            db = self._connection()
            while True:
                if cancel is not None and cancel.cancelled:
                    return False
                with _transaction(db, immediate=True):  # a writer from the start: waits for a scan's write
                    ids = [row[0] for row in db.execute("SELECT id FROM pending LIMIT ?", (BUILD_CHUNK,))]
                    if not ids:
                        return True
                    marks = ",".join("?" * len(ids))
                    db.execute(f"INSERT INTO fts(rowid, text) SELECT id, text FROM pending WHERE id IN ({marks})", ids)
                    db.executemany("INSERT INTO shorts(rowid, grams) VALUES (?, ?)", [
                        (number, _grams(text))
                        for number, text in db.execute(f"SELECT id, text FROM pending WHERE id IN ({marks})", ids)])
                    db.execute(f"DELETE FROM pending WHERE id IN ({marks})", ids)
        except sqlite3.Error:
            return False  # the pending texts stay searchable as they are

    # --- the file ------------------------------------------------------------------------------

    def _connection(self) -> sqlite3.Connection:
        """This thread's connection (SQLite connections are not shared between threads). One
        made before `close` is closed here, by its own thread, and opened again."""
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is not None and getattr(self._local, "generation", None) != self._generation:
            _close_quietly(db)
            db = None
        if db is None:
            assert self.file is not None
            db = _open(self.file)
            self._local.db, self._local.generation = db, self._generation
        return db

    def close(self) -> None:
        """Close this thread's connection; every other thread closes its own when it next uses the
        index (a connection closed by another thread while it works would crash SQLite), or
        when the thread ends."""
        self._generation += 1
        db = getattr(self._local, "db", None)
        self._local.db = None
        if db is not None:
            _close_quietly(db)


def _close_quietly(db: sqlite3.Connection) -> None:
    try:
        db.close()
    except sqlite3.Error:
        pass


def _give_back_memory() -> None:
    """Hand the C heap's free pages back to the system (glibc keeps what a scan's thousands of
    temporary rows took, and the window's memory would stay that much larger)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL("libc.so.6").malloc_trim(0)
        except (OSError, AttributeError):
            pass


def _open(file: Path) -> sqlite3.Connection:
    """The index file, created or rebuilt as needed; sqlite3.Error or OSError when it cannot be."""
    file.parent.mkdir(parents=True, exist_ok=True)
    for attempt in (1, 2):
        db = sqlite3.connect(file, timeout=2.0, isolation_level=None, check_same_thread=False)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute(f"PRAGMA cache_size={CACHE_KIB}")  # the OS caches the file too: keep little in each thread
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version != SCHEMA:
                _create(db)
            return db
        except sqlite3.DatabaseError:
            db.close()
            if attempt == 2:
                raise
            _remove(file)  # not a database (a torn or foreign file): start again from nothing
    raise AssertionError("unreachable")


def _create(db: sqlite3.Connection) -> None:
    with _transaction(db):
        # Another version's tables (FTS5 drops its own shadow tables, named fts_… and shorts_…, with
        # `fts` and `shorts`).
        for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND substr(name, 1, 7) "
                                  "!= 'sqlite_' AND substr(name, 1, 4) != 'fts_' AND substr(name, 1, 7) != 'shorts_'"
                                  ).fetchall():
            db.execute(f'DROP TABLE IF EXISTS "{name}"')
        db.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        # The summary as plain columns (STRICT: each holds its own type), read without unpickling.
        db.execute("CREATE TABLE posts(id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, collection TEXT NOT NULL, "
                   "size INTEGER NOT NULL, mtime INTEGER NOT NULL, ctime INTEGER NOT NULL, "
                   + ", ".join(f"{name} {kind} NOT NULL" for name, kind in _COLUMNS)
                   + ", front BLOB NOT NULL)" + _STRICT)
        db.execute("CREATE TABLE pending(id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
        db.execute("CREATE VIRTUAL TABLE fts USING fts5(text, tokenize='trigram case_sensitive 1')")
        # Each text in `fts` as its letters and pairs of letters (`_grams`): which posts hold a word
        # of one or two letters, without reading the texts. Contentless and without positions: a
        # byte or two a post for each letter and pair it holds.
        db.execute("CREATE VIRTUAL TABLE shorts USING fts5(grams, content='', detail=none, "
                   "tokenize='trigram case_sensitive 1')")
        db.execute(f"PRAGMA user_version={SCHEMA}")


def _place(built: Path, file: Path) -> bool:
    """Give the complete index `built` the name `file` unless a file has it meanwhile (False):
    an index another process has open must not be replaced under it, as its write-ahead log and
    shared memory are found by the name."""
    try:
        os.link(built, file)
    except FileExistsError:
        return False
    except OSError:  # a file system without hard links
        if os.path.lexists(file):
            return False
        os.replace(built, file)
    return True


def _remove_stale_builds(file: Path) -> None:
    """Delete the new files of builds of `file` cut short by a crash or a power cut: those no
    build holds locked (the system lets a process's locks go when it ends)."""
    for left in file.parent.glob(f"{file.name}.*{_BUILDING}"):
        try:
            db = sqlite3.connect(left, timeout=0, isolation_level=None)
            try:
                db.execute("BEGIN IMMEDIATE")
            finally:
                db.close()
        except sqlite3.OperationalError as error:
            if "locked" in str(error):
                continue  # being built
        except sqlite3.Error:
            pass
        try:
            _remove(left)
        except OSError:
            pass


def _remove(file: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        try:
            os.remove(f"{file}{suffix}")
        except FileNotFoundError:
            pass


def _match_site(db: sqlite3.Connection, site: SiteConfig) -> None:
    """Forget every row when the rows were made for another site configuration or by another
    version of the code that summarises posts: they would say what this one does not."""
    wanted = _fingerprint(site)
    found = db.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
    if found is not None and found[0] == wanted:
        return
    with _transaction(db):
        db.execute("DELETE FROM posts")
        db.execute("DELETE FROM pending")
        db.execute("DELETE FROM fts")
        db.execute("INSERT INTO shorts(shorts) VALUES ('delete-all')")
        db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('fingerprint', ?)", (wanted,))


def _fingerprint(site: SiteConfig) -> str:
    parts = [__version__, repr(site), ",".join(field.name for field in fields(PostSummary)), _code_version()]
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


_CODE: list[str] = []


def _code_version() -> str:
    """The source of the module that summarises posts (its version where there is no source,
    as in the bundle): a change to it makes every row stale."""
    if not _CODE:
        try:
            _CODE.append(hashlib.sha256(Path(summaries.__file__).read_bytes()).hexdigest())
        except OSError:
            _CODE.append(__version__)
    return _CODE[0]


def _write(db: sqlite3.Connection, fresh: list[_Fresh], gone: Iterable[int]) -> dict[str, int]:
    """Store the rows read in this scan (each summary as `_stored` made it, and its search text)
    and forget the posts no longer there, in one transaction; the stored paths' row ids."""
    gone = list(gone)
    if not fresh and not gone:
        return {}
    with _transaction(db, immediate=True):
        known = [(number,) for number, *_ in fresh if number is not None] + [(number,) for number in gone]
        # A contentless index forgets a text only when told its terms again: from the text in `fts`.
        db.executemany("INSERT INTO shorts(shorts, rowid, grams) VALUES ('delete', ?, ?)", [
            (number, _grams(text)) for (number,) in known
            for (text,) in db.execute("SELECT text FROM fts WHERE rowid = ?", (number,))])
        db.executemany("DELETE FROM fts WHERE rowid = ?", known)
        db.executemany("DELETE FROM pending WHERE id = ?", known)
        db.executemany("DELETE FROM posts WHERE id = ?", known)
        next_id = db.execute("SELECT coalesce(max(id), 0) + 1 FROM posts").fetchone()[0]
        rows, texts, ids = [], [], {}
        for number, relative, collection, stamp, summary, text in fresh:
            if number is None:
                number, next_id = next_id, next_id + 1
            ids[relative] = number
            front = summary.values
            rows.append((number, relative, collection, *stamp, *_columns(summary),
                         front.blob if isinstance(front, StoredValues) else _dump_values(front)))
            texts.append((number, text))
        db.executemany(_INSERT_ROW, rows)
        db.executemany("INSERT OR REPLACE INTO pending(id, text) VALUES (?, ?)", texts)
    return ids


def _matching(words: list[str]) -> tuple[str, list[str]]:
    """The query of the ids of the posts whose text holds every one of `words` (each id once or
    more), and its parameters."""
    long = [word for word in words if len(word) >= TRIGRAM]
    short = [word for word in words if len(word) < TRIGRAM]
    each = " AND ".join(["instr(text, ?) > 0"] * len(short))
    params: list[str]
    if long:  # the trigram index finds the long words; the short ones are checked in the rows found
        indexed = "SELECT rowid AS id FROM fts WHERE fts MATCH ?" + (f" AND {each}" if each else "")
        params = [" AND ".join(_phrase(word) for word in long), *short]
    elif not any(_MARK in word for word in short):  # the letters and pairs each text holds
        indexed, params = "SELECT rowid AS id FROM shorts WHERE shorts MATCH ?", [
            " AND ".join(_phrase(_gram(word)) for word in short)]
    else:
        indexed, params = f"SELECT rowid AS id FROM fts WHERE {each}", list(short)
    pending = "SELECT id FROM pending WHERE " + " AND ".join(["instr(text, ?) > 0"] * len(words))
    return f"{indexed} UNION ALL {pending}", [*params, *words]


class Found:
    """The posts a search found: a byte per row id of the index (1: found) with the map of paths
    to ids it is read through (`LibraryIndex.find`), or a set of paths."""

    __slots__ = ("bits", "ids", "paths")

    def __init__(self, bits: bytearray | None = None, ids: Mapping[str, int] | None = None,
                 paths: set[str] | None = None) -> None:
        self.bits, self.ids, self.paths = bits, ids, paths

    def __contains__(self, path: object) -> bool:
        if self.paths is not None:
            return path in self.paths
        assert self.bits is not None and self.ids is not None
        number = self.ids.get(path, 0) if isinstance(path, str) else 0  # no row has id 0
        return number < len(self.bits) and self.bits[number] == 1


class _transaction:
    """BEGIN … COMMIT on an autocommit connection, ROLLBACK when the block raises."""

    def __init__(self, db: sqlite3.Connection, immediate: bool = False) -> None:
        self.db, self.begin = db, "BEGIN IMMEDIATE" if immediate else "BEGIN"

    def __enter__(self) -> sqlite3.Connection:
        self.db.execute(self.begin)
        return self.db

    def __exit__(self, kind: type[BaseException] | None, *_: Any) -> None:
        if kind is None:
            self.db.execute("COMMIT")
        elif self.db.in_transaction:
            self.db.execute("ROLLBACK")


_MARK = "\x01"  # between the letters of a `shorts` document; a word holding it is looked for directly


def _grams(text: str) -> str:
    """The document `text` stands for in the `shorts` index: its letters with the mark before,
    between and after them ("·a·b·c·"). The trigram tokenizer makes a term of each "·a·" and
    "a·b" in it, so a letter or a pair of letters without the mark is in `text` exactly when its
    term (`_gram`) is: in the document the mark is every other character, so these shapes start
    only where a letter of `text` or a pair does. The same text gives the same document, which a
    contentless index needs to forget it."""
    return _MARK + _MARK.join(text) + _MARK


def _gram(word: str) -> str:
    """The `shorts` term of a word of one or two letters (neither the mark)."""
    return _MARK + word + _MARK if len(word) == 1 else _MARK.join(word)


def _phrase(word: str) -> str:
    """`word` as an FTS5 string: the trigram index matches it anywhere in the text."""
    return '"' + word.replace('"', '""') + '"'


# --- rows ----------------------------------------------------------------------------------------

_FIELDS = [field.name for field in fields(PostSummary)]
_SEARCH_TEXT, _VALUES = _FIELDS.index("search_text"), _FIELDS.index("values")


def _stored(summary: PostSummary) -> PostSummary:
    """`summary` as the library keeps it: without its search text, which the index keeps, and with
    its front-matter values as stored (`StoredValues`). A copy without `__init__`: this runs for
    every post a scan reads."""
    values = list(summaries.field_values(summary))
    values[_SEARCH_TEXT] = ""
    if not isinstance(summary.values, StoredValues):
        values[_VALUES] = StoredValues(_dump_values(summary.values))
    return summaries.made(*values)


def _dump_values(values: Any) -> bytes:
    return pickle.dumps(dict(values), protocol=pickle.HIGHEST_PROTOCOL)


# What a summary's front-matter values may hold besides plain data (YAML, TOML and JSON values).
_ALLOWED = {("datetime", name) for name in ("date", "datetime", "time", "timedelta", "timezone")}


class _Unpickler(pickle.Unpickler):
    """Reads a stored summary, refusing anything but plain data and dates: a cache file is not
    trusted to make other objects."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not stored in a library index")


_UNREADABLE = (pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, IndexError, KeyError)


def _load(blob: bytes) -> Any:
    return _Unpickler(io.BytesIO(blob)).load()


# The summary's columns after (path, id, collection, size, mtime, ctime), in `_columns`' order: a
# date or date-time as ISO text ("" for none), tuples as JSON arrays ("" when empty).
_COLUMNS = (("title", "TEXT"), ("date", "TEXT"), ("draft", "INTEGER"), ("tags", "TEXT"), ("format", "TEXT"),
            ("words", "INTEGER"), ("git_state", "TEXT"), ("error", "TEXT"), ("taxonomies", "TEXT"),
            ("language", "TEXT"), ("translations", "TEXT"), ("role", "TEXT"))
_SELECT_ROWS = ("SELECT path, id, collection, size, mtime, ctime, " + ", ".join(name for name, _ in _COLUMNS)
                + ", front FROM posts")
_INSERT_ROW = ("INSERT OR REPLACE INTO posts(id, path, collection, size, mtime, ctime, "
               + ", ".join(name for name, _ in _COLUMNS) + ", front) VALUES ("
               + ", ".join("?" * (7 + len(_COLUMNS))) + ")")
_STRICT = " STRICT" if sqlite3.sqlite_version_info >= (3, 37) else ""  # older SQLite: the types are not checked
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _columns(summary: PostSummary) -> tuple[Any, ...]:
    """`summary`'s columns (its search text is kept apart, its values in `front`)."""
    date = summary.date
    return (summary.title, date.isoformat() if date is not None else "", int(summary.draft),
            _JSON(summary.tags) if summary.tags else "", summary.format, summary.words, summary.git_state,
            summary.error, _JSON(summary.taxonomies) if summary.taxonomies else "", summary.language,
            _JSON(summary.translations) if summary.translations else "", summary.role)


_STRINGS: dict[str, str] = {}  # one string for every post's "posts", "yaml", "new" … (a row has its own)
_from_date, _from_datetime = dt.date.fromisoformat, dt.datetime.fromisoformat


def _load_summary(row: tuple[Any, ...]) -> PostSummary | None:
    """The summary stored in `row` (`_SELECT_ROWS`), or None when it cannot be read (the file
    is then read again). Plain columns and JSON: nothing in a cache file can make other objects."""
    (path, _id, collection, _size, _mtime, _ctime, title, date, draft, tags, form, words, git_state, error,
     taxonomies, language, translations, role, front) = row
    shared = _STRINGS.setdefault
    try:
        return _made(  # in the fields' order
            path, shared(collection, collection), title,
            (_from_datetime(date) if "T" in date else _from_date(date)) if date else None,
            draft == 1, tuple(_loads(tags)) if tags else (), shared(form, form),
            words, shared(git_state, git_state), error, "",
            tuple((name, tuple(terms)) for name, terms in _loads(taxonomies)) if taxonomies else (),
            language, tuple((code, where) for code, where in _loads(translations)) if translations else (),
            role, StoredValues(front))
    except (ValueError, TypeError):
        return None


_made = summaries.made


_loads = json.loads


class StoredValues(Mapping[str, Any]):
    """A post's front-matter values as the index stores them, read each time they are used (the
    posts used last stay read): a library of 10,000 posts keeps a few hundred bytes a post
    instead of every value as Python objects. Read-only, like a summary."""

    __slots__ = ("blob",)

    def __init__(self, blob: bytes) -> None:
        self.blob = blob

    def _data(self) -> dict[str, Any]:
        key = id(self)
        with _READ_LOCK:
            kept = _READ.get(key)
            if kept is not None:
                _READ.move_to_end(key)
                return kept[1]
        try:
            data = _load(self.blob)
        except _UNREADABLE:
            data = {}
        data = data if isinstance(data, dict) else {}
        with _READ_LOCK:
            _READ[key] = (self, data)  # holding self keeps its id from being reused
            if len(_READ) > _KEEP_READ:
                _READ.popitem(last=False)
        return data

    def __getitem__(self, key: str) -> Any:
        return self._data()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data())

    def __len__(self) -> int:
        return len(self._data())

    def get(self, key: str, default: Any = None) -> Any:
        return self._data().get(key, default)

    # Whole views read the values once (Mapping's own would read them again for every key: the
    # schema and completions of 10,000 posts took 0.3 s more).
    def items(self) -> ItemsView[str, Any]:
        return self._data().items()

    def keys(self) -> KeysView[str]:
        return self._data().keys()

    def values(self) -> ValuesView[Any]:
        return self._data().values()

    def __contains__(self, key: object) -> bool:
        return key in self._data()

    def __repr__(self) -> str:
        return repr(self._data())

    def __reduce__(self) -> tuple[type, tuple[bytes]]:
        return StoredValues, (self.blob,)


_READ: OrderedDict[int, tuple[StoredValues, dict[str, Any]]] = OrderedDict()
_READ_LOCK = threading.Lock()
_KEEP_READ = 64


def search_posts(index: LibraryIndex | None, posts: Iterable[PostSummary], query: str,
                 cancel: CancelToken | None = None) -> list[PostSummary]:
    """The posts `query` finds, in their order: words answered by the index (or, without one,
    by each post's own text), filters such as `tag:x` by `summaries.matches`. An article kept in
    several languages is found when one of its files has every word."""
    words, filters = summaries.split_query(query)
    posts = list(posts)
    if words:
        if index is None:
            found = {post.path for post in posts if all(word in post.search_text for word in words)}
        else:
            found = index.search(words, cancel)
        posts = [post for post in posts
                 if post.path in found or any(path in found for _code, path in post.translations)]
    return [post for post in posts if summaries.matches(post, filters)] if filters else posts

