"""Stories at corpus scale: wall time and peak memory of incremental ``add`` against the
naive all-pairs ``group_stories``, for growing generated corpora.

    .venv/bin/python bench/scale.py [--sizes 1000,10000,100000] [--baseline-sizes 1000,3000]
                                    [--lead-sentences 3] [--db sqlite,pg-temp]

``--db`` names the stores ``add`` writes to, one table each: ``sqlite`` (a new file per
size), ``pg-temp`` (a throwaway PostgreSQL server started with tests/pgserver.py) or a
``postgresql://USER@HOST:PORT/DB`` server whose user may create databases (a new database
per size, dropped after).

Each size runs in a fresh subprocess (so peak RSS of one size does not leak into the next);
the child generates the corpus, loads the embedder (not timed), then times
``newsprism.corpus.add`` into a new SQLite file (incremental: lead
embeddings of title + first three sentences (``--lead-sentences``), MinHash
near-duplicates, each article placed, earliest first, in the candidate story (nearest
centroids and the stories of the latest articles) with the best average pair probability;
one transaction per 500 articles), or
``group_stories`` over everything (the baseline: three-sentence leads, all-pairs probability
matrix, agglomerative clustering). Ingest and cleaning are not included (the articles are
generated already clean). Quality: adjusted Rand index against the generated stories.

The generated corpus: each story is one event of a kind (fire, flood, strike, ruling, ...)
with its own random particulars (place, people, organisation, numbers, date); each article
about it is written by a different outlet from sentence templates with its own wording
(one variant per word group), ~400-600 words; about one article in eight is a wire copy of
another article of its story with light edits. Same seed, same corpus.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scoring import ari  # noqa: E402

from newsprism.model import Article  # noqa: E402

SYL = ["ka", "lo", "ven", "mar", "tis", "bru", "del", "sor", "nik", "ha", "vel", "ost", "ri",
       "dan", "mo", "len", "quar", "pe", "zu", "ber", "sal", "tor", "im", "gar"]  # fmt: skip
FIRST = ["Anna", "Marek", "Lucia", "Tomas", "Priya", "Jonas", "Elena", "Omar", "Sofia", "Ivan",
         "Grace", "Kenji", "Ruth", "Pablo", "Nadia", "Felix", "Amara", "Lars", "Mei",
         "Hugo"]  # fmt: skip
ROLES = ["mayor", "police chief", "fire commander", "regional governor", "union leader",
         "company spokesperson", "health minister", "judge", "lawyer",
         "council leader"]  # fmt: skip

KINDS: dict[str, list[str]] = {
    "fire": [
        "A fire broke out at {org} in {place} on {day}, killing {n1} people and injuring {n2}.",
        "Firefighters needed {n3} hours to bring the blaze at the {org} site under control.",
        "{p1}, the {r1}, said the fire had started in a storage area shortly after midnight.",
        "Smoke from the burning {org} building could be seen across {place} for most of the day.",
        "Investigators have not yet said what caused the fire, which destroyed {n4} homes nearby.",
        "Residents of {place} described flames rising above the rooftops as crews arrived.",
    ],
    "flood": [
        "Heavy rain caused the {river} river to burst its banks in {place} on {day}.",
        "At least {n1} people died and {n2} were evacuated as water flooded streets in {place}.",
        "{p1}, the {r1}, said {n4} houses were under water and roads to {place} were cut off.",
        "Rescue teams used boats to reach families stranded on rooftops along the {river}.",
        "Forecasters warned that water levels on the {river} could rise by {n3} more centimetres.",
        "The {org} opened emergency shelters in schools and sports halls across {place}.",
    ],
    "strike": [
        "Workers at {org} in {place} walked out on {day} in a dispute over pay and hours.",
        "The union said {n2} employees had joined the strike, which could last {n3} days.",
        "{p1}, the {r1}, said members had rejected a pay offer of {n1} percent as too low.",
        "Management at {org} said talks would resume only once staff returned to work.",
        "Production at the {org} plant in {place} has stopped, costing {n4} thousand a day.",
        "Picket lines formed at the gates of {org} from early morning, witnesses said.",
    ],
    "ruling": [
        "A court in {place} ruled on {day} that {org} had broken competition law.",
        "Judges ordered {org} to pay {n4} million and change its contracts within {n3} months.",
        "{p1}, the {r1}, said the ruling was a warning to other firms in the sector.",
        "Lawyers for {org} said the company would appeal against the decision.",
        "The case was brought by {n1} smaller competitors who said they had been shut out.",
        "Shares in {org} fell {n2} percent after the ruling was announced in {place}.",
    ],
    "quake": [
        "A magnitude {mag} earthquake struck near {place} on {day}, killing {n1} people.",
        "Buildings collapsed in central {place} and {n2} people were injured, officials said.",
        "{p1}, the {r1}, said rescuers were still searching the rubble for survivors.",
        "The {org} recorded {n3} aftershocks in the hours after the main quake.",
        "Power and water supplies were cut to about {n4} homes around {place}.",
        "Residents spent the night outdoors in {place}, fearing further tremors.",
    ],
    "election": [
        "Voters in {place} elected {p2} as mayor on {day} with {n1} percent of the vote.",
        "Turnout was {n2} percent, the {org} said, higher than at the last election.",
        "{p2} promised to build {n4} new homes and to cut bus fares within {n3} months.",
        "{p1}, the {r1}, conceded defeat and congratulated the winner late in the evening.",
        "The result ends {n3} years of rule by the same party in {place}.",
        "Supporters of {p2} celebrated in the main square of {place} after the count.",
    ],
    "ferry": [
        "A ferry run by {org} ran aground near {place} on {day} with {n2} passengers on board.",
        "{n1} passengers were taken to hospital with minor injuries, the coast guard said.",
        "{p1}, the {r1}, said the vessel had lost steering in strong winds.",
        "Lifeboats from {place} helped transfer passengers to the shore over {n3} hours.",
        "The {org} ferry had been in service for {n4} years and passed its last inspection.",
        "Divers were sent to inspect the hull of the ferry for damage near {place}.",
    ],
    "bridge": [
        "A road bridge over the {river} in {place} collapsed on {day}, killing {n1} people.",
        "{n2} cars fell into the river when the central span gave way, witnesses said.",
        "{p1}, the {r1}, said the bridge had been due for repairs by {org} this year.",
        "Engineers from {org} had warned about cracks in the {river} bridge {n3} years ago.",
        "Traffic in {place} was diverted, adding {n4} minutes to journeys across the city.",
        "Divers searched the {river} for missing people until darkness fell over {place}.",
    ],
}
GENERIC = [
    "Local officials in {place} said more information would be released later in the week.",
    "{p1} told reporters that the authorities were doing everything they could.",
    "The news spread quickly on social media, where residents shared photos from {place}.",
    "{p3}, a resident of {place}, said the neighbourhood had never seen anything like it.",
    "Opposition politicians called for an independent inquiry into the events in {place}.",
    "The {org} said it was cooperating fully with the authorities.",
    "A spokesperson for the regional government said a meeting would be held on {day2}.",
    "Shops in the centre of {place} stayed closed for most of the afternoon.",
    "{p3} said many families were still waiting for news of their relatives.",
    "It was the most serious event of its kind in {place} for {n3} years, officials said.",
    "Analysts said the costs for the region could reach {n4} million over the coming months.",
    "The national government said it would send extra help to {place} if needed.",
    "A helpline for families was opened on {day2}, the {org} said.",
    "Church bells rang in {place} in the evening as people gathered in the square.",
    "{p1} is expected to visit {place} again on {day2} to meet residents.",
    "Schools in {place} will reopen on {day2}, the education office said.",
    "Several roads around {place} remained closed while crews worked through the night.",
    "Volunteers handed out food and blankets at a community centre in {place}.",
    "The {org} has faced criticism in the past over its safety record, records show.",
    "Neighbouring towns offered to take in people from {place} who had lost their homes.",
    "{p3} said the response of the emergency services had been fast and professional.",
    "A full report on what happened in {place} is expected within {n3} weeks.",
    "Insurance companies said they had started to receive claims from {place}.",
    "The local newspaper in {place} printed a special edition on {day2}.",
    "Officials said the number of people affected could still change as checks went on.",
    "Television crews from across the country arrived in {place} during the afternoon.",
    "Police asked people to stay away from the area to let emergency vehicles through.",
    "{p2} said lessons had to be learned from what happened in {place}.",
    "Experts said events like this were becoming more frequent in the region.",
    "The mood in {place} was sombre as people waited for further news.",
]
TITLES = [
    "{Kind} in {place}: {n1} dead", "{place} {kind}: what we know",
    "{p1} speaks after {place} {kind}", "{kind} hits {place}",
    "Questions grow after {place} {kind}", "{org} under pressure after {kind}",
]  # fmt: skip
HEADS = {"fire": "fire", "flood": "floods", "strike": "strike", "ruling": "court ruling",
         "quake": "earthquake", "election": "election", "ferry": "ferry accident",
         "bridge": "bridge collapse"}  # fmt: skip


# Each outlet words things its own way: every article picks one variant per word group, so
# two reports of one event share facts and names but few exact five-word runs.
SYNONYMS = [
    ["said", "stated", "told reporters", "added", "confirmed"],
    ["people", "residents", "persons", "locals"],
    ["officials", "authorities", "the authorities", "local officials"],
    ["on", "early on", "late on"],
    ["the", "the", "this"],
    ["had", "had", "had already"],
    ["in", "in", "within"],
    ["after", "following", "shortly after"],
    ["would", "would", "will"],
    ["were", "were", "had been"],
    ["was", "was", "had been"],
    ["could", "might", "may"],
    ["about", "around", "roughly", "some"],
    ["more", "further", "additional"],
    ["many", "numerous", "several"],
    ["at least", "no fewer than", "a minimum of"],
    ["most", "much", "large parts"],
]
_SYN = {w: group for group in SYNONYMS for w in group[:1]}


def _reword(text: str, choice: dict[str, str]) -> str:
    return " ".join(choice.get(w, w) for w in text.split(" "))


def _name(rng: random.Random, parts: int = 3) -> str:
    return "".join(rng.choice(SYL) for _ in range(parts)).capitalize()


def _event(rng: random.Random, start: date) -> dict[str, str]:
    kind = rng.choice(list(KINDS))
    day = start + timedelta(days=rng.randint(0, 700))
    return {
        "kind": HEADS[kind], "Kind": HEADS[kind].capitalize(), "k": kind,
        "place": _name(rng), "river": _name(rng, 2), "org": _name(rng) + " " + rng.choice(
            ["Group", "Authority", "Industries", "Lines", "Institute", "Holdings"]),
        "p1": f"{rng.choice(FIRST)} {_name(rng)}", "p2": f"{rng.choice(FIRST)} {_name(rng)}",
        "p3": f"{rng.choice(FIRST)} {_name(rng)}", "r1": rng.choice(ROLES),
        "n1": str(rng.randint(2, 60)), "n2": str(rng.randint(61, 900)),
        "n3": str(rng.randint(2, 30)), "n4": str(rng.randint(31, 5000)),
        "mag": f"{rng.uniform(4.5, 7.9):.1f}", "day": day.strftime("%A"),
        "day2": (day + timedelta(days=rng.randint(1, 6))).strftime("%A"),
        "date": day.isoformat(),
    }  # fmt: skip


def _article(rng: random.Random, ev: dict[str, str], outlet: str, offset: int) -> Article:
    own = KINDS[ev["k"]][:]
    rng.shuffle(own)
    lead, rest = own[0], own[1:]
    words = 0
    body = [lead.format(**ev)]
    pool = rest + rng.sample(GENERIC, 20)
    target = rng.randint(400, 600)
    paragraphs: list[str] = []
    i = 0
    while words < target:
        sentence = pool[i % len(pool)].format(**ev)
        body.append(sentence)
        words += len(sentence.split())
        i += 1
        if len(body) >= rng.randint(2, 4):
            paragraphs.append(" ".join(body))
            body = []
    if body:
        paragraphs.append(" ".join(body))
    choice = {w: rng.choice(group) for w, group in _SYN.items()}
    text = "\n\n".join(_reword(p, choice) for p in paragraphs)
    published = (date.fromisoformat(ev["date"]) + timedelta(days=offset)).isoformat()
    title = rng.choice(TITLES).format(**ev)
    return Article(id=Article.make_id(text), source=f"{outlet}/{ev['place']}/{offset}",
                   text=text, outlet=outlet, title=title, published=published)  # fmt: skip


def _wire_copy(rng: random.Random, orig: Article, outlet: str) -> Article:
    paras = orig.text.split("\n\n")
    if len(paras) > 4:
        del paras[rng.randrange(1, len(paras))]
    paras.append(f"This report was published by {outlet} with material from agencies.")
    text = "\n\n".join(paras)
    return Article(id=Article.make_id(text), source=f"{outlet}/copy/{orig.id}", text=text,
                   outlet=outlet, title=(orig.title or "") + " - " + outlet,
                   published=orig.published)  # fmt: skip


def generate(n: int, seed: int = 11) -> tuple[list[Article], list[int]]:
    """``n`` articles and, for each, the index of the story it was written about."""
    rng = random.Random(seed)
    outlets = [f"{_name(rng, 2)} {rng.choice(['Times', 'Post', 'News', 'Radio', 'Herald'])}"
               for _ in range(300)]  # fmt: skip
    start = date(2023, 1, 1)
    articles: list[Article] = []
    labels: list[int] = []
    story = 0
    while len(articles) < n:
        ev = _event(rng, start)
        size = min(n - len(articles), rng.choice([1, 2, 3, 3, 4, 4, 5, 6, 8]))
        chosen = rng.sample(outlets, size)
        written: list[Article] = []
        for k, outlet in enumerate(chosen):
            if written and rng.random() < 0.125:
                art = _wire_copy(rng, rng.choice(written), outlet)
            else:
                art = _article(rng, ev, outlet, rng.randint(0, 2) if k else 0)
            written.append(art)
        articles.extend(written)
        labels.extend([story] * len(written))
        story += 1
    return articles, labels


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _pg_database(admin_url: str, n: int) -> tuple[str, Callable[[], None]]:
    """A new database on the server of ``admin_url``; its URL and how to drop it."""
    import psycopg

    name = f"newsprism_bench_{n}_{os.getpid()}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")

    def drop() -> None:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name}")

    return admin_url.rsplit("/", 1)[0] + "/" + name, drop


def child(method: str, n: int, lead: int, db: str) -> dict[str, float]:
    """One measurement, in this (fresh) process."""
    from newsprism.resources import Resources

    articles, labels = generate(n)
    resources = Resources()
    resources.embedder.encode(["warm up"])
    loaded = _rss_mb()
    started = time.perf_counter()
    if method == "add":
        from newsprism.corpus import add as add_articles
        from newsprism.storage import open_store
        from newsprism.stories.incremental import IncrementalOptions

        with tempfile.TemporaryDirectory() as tmp:
            url, drop = os.path.join(tmp, "corpus.db"), lambda: None
            if db.startswith("postgres"):
                url, drop = _pg_database(db, n)
            try:
                store = open_store(url)
                options = IncrementalOptions(lead_sentences=lead)
                result = add_articles(store, articles, resources.embedder, options)
                wall = time.perf_counter() - started
                stories = store.corpus_stories()
                store.close()
            finally:
                drop()
        where = {a["id"]: k for k, s in enumerate(stories) for a in s["articles"]}
        pred = [where[a.id] for a in articles]
        extra = {"near_duplicates": result.near_duplicates}
    else:
        from newsprism.stories import group_stories

        grouped = group_stories(articles, resources.embedder)
        wall = time.perf_counter() - started
        where = {i: k for k, s in enumerate(grouped) for i in s.articles}
        pred = [where[a.id] for a in articles]
        extra = {"near_duplicates": 0}
    return {"n": n, "wall": wall, "rss": _rss_mb(), "rss_models": loaded,
            "stories": len(set(pred)), "true": len(set(labels)), "ari": ari(labels, pred),
            **extra}  # fmt: skip


def measure(method: str, n: int, lead: int, db: str = "sqlite") -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", method, str(n), str(lead), db],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def table(title: str, rows: list[dict[str, float]]) -> None:
    print(title)
    print(f"  {'articles':>8} {'stories':>8} {'true':>7} {'ARI':>6} {'copies':>6} "
          f"{'wall s':>8} {'art/s':>7} {'RSS MB':>7} {'before':>7} {'x per 10x':>9}")  # fmt: skip
    for i, r in enumerate(rows):
        growth = ""
        if i:
            prev = rows[i - 1]
            k = math.log10(r["n"] / prev["n"])
            growth = f"{(r['wall'] / prev['wall']) ** (1 / k):.1f}x"
        print(f"  {int(r['n']):>8} {int(r['stories']):>8} {int(r['true']):>7} {r['ari']:6.3f} "
              f"{int(r['near_duplicates']):>6} {r['wall']:8.1f} {r['n'] / r['wall']:7.0f} "
              f"{r['rss']:7.0f} {r['rss_models']:7.0f} {growth:>9}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--baseline-sizes", default="1000,3000")
    parser.add_argument("--lead-sentences", type=int, default=3, help="sentences embedded by add")
    parser.add_argument("--db", default="sqlite", help="sqlite, pg-temp or a postgresql:// URL")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        method, n, lead, db = args.child
        print(json.dumps(child(method, int(n), int(lead), db)))
        return
    sizes = [int(s) for s in args.sizes.split(",") if s]
    base_sizes = [int(s) for s in args.baseline_sizes.split(",") if s]
    started = time.perf_counter()
    print(
        "wall: the timed call only (models loaded before); RSS: peak of the process; "
        "before: RSS before the timed call (corpus generated, models loaded);\n"
        "x per 10x: wall growth per 10x articles"
    )
    ours: list[dict[str, float]] = []
    for db in [d for d in args.db.split(",") if d]:
        server = None
        if db == "pg-temp":
            sys.path.insert(0, str(ROOT / "tests"))
            import pgserver

            server = pgserver.start()
            db = server.url()
        try:
            rows = [measure("add", n, args.lead_sentences, db) for n in sizes]
        finally:
            if server is not None:
                server.stop()
        store = "PostgreSQL" if db.startswith("postgres") else "SQLite"
        table(f"incremental add (newsprism add) into {store}, leads of "
              f"{args.lead_sentences} sentences", rows)  # fmt: skip
        ours = ours or rows
    base = [measure("naive", n, 3) for n in base_sizes]
    if base:
        table("baseline: group_stories over everything (all pairs)", base)
    for n in sorted(set(sizes) & set(base_sizes)):
        o = next(r for r in ours if r["n"] == n)
        b = next(r for r in base if r["n"] == n)
        print(f"at {n} articles: add is {b['wall'] / o['wall']:.1f}x faster than the baseline")
    print(f"total bench time {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
