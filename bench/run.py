"""How fast notecards is on a vault, next to the Markdown parser alone.

    python bench/run.py VAULT [--jobs N]

Prints, in one run:
- floor: markdown-it-py (the project's parser, every plugin on) parsing every note on one core,
  the files already read and decoded; also stock CommonMark markdown-it for reference;
- cold: a fresh process exporting the vault with an empty cache;
- warm: the same again, the cache filled and no note changed (the package is still written);
- dry-run --json, warm and cold;
- edit: the warm export again after one note was edited (a definition added to it), which is what
  a re-export after a study session costs; the runs then work on a copy of the vault, as this one
  writes to it;
each with its ratio to the floor, notes/s, MB/s, cards, per-stage times and peak memory: the
main process's own (RSS), and that of every process of the run together, sampled five times a
second (PSS, in which the pages forked workers share with the main process count once).
Each export runs in a fresh process (`python bench/run.py --child ...`), so its time includes
starting Python and importing notecards, as a user would see. Run it from the repository root
(or with the package on PYTHONPATH).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def floor(vault: Path, sample: int = 1) -> dict[str, float]:
    """Seconds for markdown-it-py alone to parse every note on one core (every `sample`-th note,
    scaled up, when sample > 1: the notes are in random order, so a regular sample is fair)."""
    from markdown_it import MarkdownIt

    from cards.parse import parser
    from cards.vault import find_notes, read_note

    paths = list(find_notes(vault))
    texts = [read_note(vault, p).text for p in paths[::sample]]
    out: dict[str, float] = {"notes": len(paths), "bytes": sum(p.stat().st_size for p in paths)}
    scale = sum(len(t.encode()) for t in texts) / out["bytes"]
    for name, md in (("project", parser()), ("commonmark", MarkdownIt("commonmark"))):
        started, cpu = time.perf_counter(), time.process_time()
        for text in texts:
            md.parse(text)
        out[name] = (time.perf_counter() - started) / scale
        out[name + "_cpu"] = (time.process_time() - cpu) / scale
    return out


def child(mode: str, vault: Path, cache: Path | None, jobs: int, out: Path) -> None:
    """One export as the CLI does it; prints a JSON line of what it measured."""
    started = time.perf_counter()
    from cards.export.html import card_html
    from cards.export.package import write_package
    from cards.listing import as_json, json_chunks
    from cards.pipeline import Options, build
    from cards.store import PackageCache, remembered_html

    imported = time.perf_counter()
    options = Options(jobs=jobs, cache=cache is not None, cache_dir=cache)
    result = build(vault, options, render=None if mode == "json" else card_html)
    built = time.perf_counter()
    if mode == "json":
        with open(os.devnull, "w", encoding="utf-8") as sink:
            sink.writelines(json_chunks(as_json(result)))
    else:
        with remembered_html(vault, enabled=cache is not None, folder=cache, given=result.html) as rendered:
            kept = PackageCache.for_vault(vault, cache) if cache is not None else None
            write_package(result.cards, result.deck, vault, out, kept, jobs, rendered)
    finished = time.perf_counter()
    t = result.timings
    report = {
        "import": imported - started,
        "build": built - imported,
        "output": finished - built,
        "stages": {
            "read": t.read,
            "parse": t.parse,
            "extract": t.extract,
            "render": t.render,
            "merge": t.merge,
            "cache": t.cache,
        },
        "jobs": t.jobs,
        "cached": t.notes_cached,
        "cards": len(result.cards),
        "before_merge": result.cards_before_merge,
        "notes": result.notes_read + result.notes_skipped,
        "cpu_main": _cpu(resource.RUSAGE_SELF),
        "cpu_workers": _cpu(resource.RUSAGE_CHILDREN),
        "rss_main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    print(json.dumps(report))


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def run_child(mode: str, vault: Path, cache: Path | None, jobs: int, out: Path) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", mode, str(vault), "--jobs", str(jobs)]
    cmd += ["--out", str(out)] + (["--cache-dir", str(cache)] if cache else [])
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    started = time.perf_counter()
    with subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as proc:
        peak = _watch(proc)
        stdout, stderr = proc.communicate()
    if proc.returncode:
        raise subprocess.CalledProcessError(proc.returncode, cmd, stdout, stderr)
    report: dict[str, Any] = json.loads(stdout.strip().splitlines()[-1])
    report["wall"] = time.perf_counter() - started
    report["pss_peak_mb"] = peak
    return report


def _watch(proc: subprocess.Popen[str], every: float = 0.2) -> float | None:
    """The largest memory the run and its worker processes held together, sampled: the sum of
    their proportional set sizes (a page shared by forked processes counts once in all), from
    Linux's /proc; None elsewhere. Reads the pipes' ends only after the run, so the child's
    output must fit in the pipe buffer (one JSON line)."""
    peak = 0.0
    while proc.poll() is None:
        total = sum(_pss_kb(pid) for pid in _tree(proc.pid))
        peak = max(peak, total / 1024)
        time.sleep(every)
    return peak or None


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        try:
            for task in Path(f"/proc/{p}/task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except OSError:
            pass
    return pids


def _pss_kb(pid: int) -> int:
    try:
        for row in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if row.startswith("Pss:"):
                return int(row.split()[1])
    except OSError:
        pass
    return 0


def _mb(value: float | None) -> str:
    return f"{value:.0f} MB" if value else "?"


def line(name: str, r: dict[str, Any], base: float, mb: float, base_cpu: float) -> str:
    s = r["stages"]
    stages = " ".join(f"{k} {s[k]:.2f}" for k in ("read", "parse", "extract", "render", "merge", "cache"))
    return (
        f"{name:<14}{r['wall']:7.2f}s {r['wall'] / base:5.2f}x  {r['notes'] / r['wall']:7.0f} notes/s "
        f"{mb / r['wall']:5.2f} MB/s  {r['cards']:6d} cards ({r['before_merge']} before merge)  "
        f"peak {r['rss_main_mb']:.0f} MB main (RSS), {_mb(r['pss_peak_mb'])} all processes together (PSS)\n"
        f"{'':<14}import {r['import']:.2f}  build {r['build']:.2f}  "
        f"{'json' if 'json' in name else 'write'} {r['output']:.2f}  "
        f"| stage s: {stages}  cached {r['cached']}\n"
        f"{'':<14}CPU {r['cpu_main']:.2f}s main + {r['cpu_workers']:.2f}s workers = "
        f"{(r['cpu_main'] + r['cpu_workers']) / base_cpu:.2f}x the floor's CPU"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("vault", type=Path)
    ap.add_argument("--jobs", type=int, default=0, help="processes (0: every core)")
    ap.add_argument("--floor-sample", type=int, default=1, help="time the floor on every Nth note, scaled")
    ap.add_argument(
        "--only",
        default="cold,warm,json,no-cache,edit",
        help="runs to make after the floor, in order [default: all of them]",
    )
    ap.add_argument("--child", choices=("export", "json"), help=argparse.SUPPRESS)
    ap.add_argument("--cache-dir", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.vault, args.cache_dir, args.jobs, args.out)
        return
    sys.path.insert(0, str(ROOT))
    f = floor(args.vault, args.floor_sample)
    mb = f["bytes"] / 1e6
    base = f["project"]
    print(f"vault {args.vault}: {f['notes']:.0f} notes, {mb:.1f} MB, {os.cpu_count()} cores")
    sampled = f", 1 note in {args.floor_sample}, scaled by bytes" if args.floor_sample > 1 else ""
    print(
        f"{'floor':<14}{base:7.2f}s  1.00x  {f['notes'] / base:7.0f} notes/s {mb / base:5.2f} MB/s  "
        f"(markdown-it-py, project parser, one core{sampled}, CPU {f['project_cpu']:.2f}s; "
        f"stock commonmark {f['commonmark']:.2f}s)"
    )
    with tempfile.TemporaryDirectory(prefix="notecards-bench-") as tmp:
        cache, out = Path(tmp) / "cache", Path(tmp) / "out.apkg"
        runs = {
            "cold": ("cold export", "export", cache),
            "warm": ("warm export", "export", cache),
            "json": ("warm json", "json", cache),
            "no-cache": ("no-cache json", "json", None),
            "edit": ("one edit", "export", cache),
        }
        only = args.only.split(",")
        vault = args.vault
        if "edit" in only:  # never write to the vault given: work on a copy
            vault = Path(tmp) / "vault"
            shutil.copytree(args.vault, vault)
        for run in only:
            name, mode, cache_dir = runs[run]
            if run == "edit":
                edited = _edit_one_note(vault)
                print(f"{'':<14}(edited {edited})", flush=True)
            report = run_child(mode, vault, cache_dir, args.jobs, out)
            print(line(name, report, base, mb, f["project_cpu"]), flush=True)


def _edit_one_note(vault: Path) -> str:
    """Add a definition at the end of the vault's middle note (in path order); its vault path."""
    from cards.vault import find_notes

    paths = sorted(find_notes(vault))
    note = paths[len(paths) // 2]
    with note.open("a", encoding="utf-8") as f:
        f.write(f"\n\nBenchmark edit: a definition written after the last export, at {time.time_ns()} ns.\n")
    return note.relative_to(vault).as_posix()


if __name__ == "__main__":
    main()
