"""Two `newsprism add` processes writing one store at once: is everything stored once, and
are the counts exact?

    .venv/bin/python bench/concurrent_add.py [--n 2000] [--db sqlite|pg-temp|postgresql://...]
                                             [--overlap 0]

Generates ``2 * n - overlap`` articles (as ``bench/scale.py`` does), gives the first ``n``
to one `add` process and the last ``n`` to another (so ``overlap`` articles go to both),
starts both at once on a new store and waits. Then prints the wall time, the articles
stored, the duplicates (ids stored more than once), the document count against the rows,
and whether every document frequency equals the one recomputed from the stored texts
(token counting needs no model); for SQLite also ``PRAGMA integrity_check``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))

from scale import generate  # noqa: E402

from newsprism.storage import SQLiteStore, open_store  # noqa: E402
from newsprism.stories.features import content_words, name_tokens  # noqa: E402


def _jsonl(path: Path, articles: list) -> Path:
    with path.open("w", encoding="utf-8") as fp:
        for a in articles:
            fp.write(json.dumps({"title": a.title, "text": a.text, "outlet": a.outlet,
                                 "published": a.published}) + "\n")  # fmt: skip
    return path


def _df_from_texts(store: object) -> Counter[str]:
    rows = store.query(  # type: ignore[attr-defined]
        "SELECT a.title, a.text FROM corpus_articles c JOIN articles a ON a.id = c.id"
    )
    df: Counter[str] = Counter()
    for title, text in rows:
        df.update({"t" + w for w in content_words(f"{title or ''} {text}")})
        df.update({"n" + w for w in name_tokens(f"{title or ''}. {text}")})
    return df


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="articles per writer")
    parser.add_argument("--overlap", type=int, default=0, help="articles given to both")
    parser.add_argument("--db", default="sqlite")
    parser.add_argument("--batch", type=int, default=100)
    args = parser.parse_args()
    articles, _ = generate(2 * args.n - args.overlap, seed=31)
    server = None
    with tempfile.TemporaryDirectory() as tmp:
        one = _jsonl(Path(tmp) / "one.jsonl", articles[: args.n])
        two = _jsonl(Path(tmp) / "two.jsonl", articles[args.n - args.overlap :])
        db = str(Path(tmp) / "c.db") if args.db == "sqlite" else args.db
        if args.db == "pg-temp":
            sys.path.insert(0, str(ROOT.parent / "tests"))
            import pgserver

            server = pgserver.start()
            db = server.new_database()
        try:
            started = time.perf_counter()
            procs = [
                subprocess.Popen([sys.executable, "-m", "newsprism.interfaces.cli", "add",
                                  str(f), "--db", db, "--batch", str(args.batch)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                for f in (one, two)
            ]  # fmt: skip
            outs = [p.communicate() for p in procs]
            wall = time.perf_counter() - started
            for p, (_out, err) in zip(procs, outs, strict=True):
                if p.returncode != 0:
                    raise SystemExit(f"a writer failed ({p.returncode}): {err.strip()[-500:]}")
            summaries = [json.loads(out) for out, _ in outs]
            store = open_store(db)
            try:
                counts = store.corpus_counts()
                (rows, distinct), = store.query(
                    "SELECT count(*), count(DISTINCT id) FROM corpus_articles")  # fmt: skip
                stored_df = {str(t): int(d) for t, d in
                             store.query("SELECT term, df FROM corpus_terms")}  # fmt: skip
                expected_df = _df_from_texts(store)
                integrity = store.integrity_check() if isinstance(store, SQLiteStore) else "n/a"
            finally:
                store.close()
        finally:
            if server is not None:
                server.stop()
    unique = len({a.id for a in articles})
    backend = "SQLite" if args.db == "sqlite" else "PostgreSQL"
    print(f"two writers x {args.n} articles ({args.overlap} given to both) into {backend}, "
          f"--batch {args.batch}: {wall:.0f} s")  # fmt: skip
    print(f"  added by each: {[s['added'] for s in summaries]}, skipped: "
          f"{[s['skipped'] for s in summaries]}")  # fmt: skip
    print(f"  stored {rows} of {unique} distinct input articles; duplicates {rows - distinct}")
    print(f"  n_docs {counts['n_docs']} (rows {rows}); document frequencies exact: "
          f"{stored_df == dict(expected_df)} ({len(stored_df)} terms)")  # fmt: skip
    print(f"  integrity_check: {integrity}")


if __name__ == "__main__":
    main()
