"""Writes the scale-scoring section of BENCHMARKS.md from bench/scale.sh's measurements.

  scale_report.py ROWS.jsonl LONG.jsonl COMMAND CPU CORES LOAD_BEFORE LOAD_AFTER
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sections  # noqa: E402

rows_file, long_file, cmd, cpu, cores, load_before, load_after = sys.argv[1:8]
rows = [json.loads(l) for l in open(rows_file)]
GB_RAW = 2**30
FS, CH = 5120, 3


def fit(points):
    """Least-squares line seconds = a + b * gb over (gb, seconds)."""
    n = len(points)
    mx = sum(p[0] for p in points) / n
    my = sum(p[1] for p in points) / n
    sxx = sum((p[0] - mx) ** 2 for p in points)
    b = sum((p[0] - mx) * (p[1] - my) for p in points) / sxx if sxx > 0 else float("nan")
    return my - b * mx, b


batch = [r for r in rows if r["kind"] == "batch"]
names = list(dict.fromkeys(r["name"] for r in batch))
sizes = sorted({r["size"] for r in batch})
lines = ["<!-- scale-scoring:begin -->", "## Scoring at scale: batches and long recordings", "",
         f"Measured by `{cmd}` in one run on {cpu}, {cores} cores, shared with other jobs: load average "
         f"(1, 5, 15 min) {load_before} before the run, {load_after} after it. Model: the demo dataset's fused design "
         "after one epoch (1024-sample windows every 512 at 5120 Hz, the unknown-state check on), scored on ONNX Runtime "
         "by `triax predict --format csv --output FILE`. Each batch is generated one-minute tri-axial recordings at "
         "5120 Hz (float32 WAV: the file bytes are the raw samples); *1 core* pins the process to one core "
         f"(`taskset -c 0`, `--threads 1`), *{cores} cores* runs `--threads {cores}`. Wall time includes the JVM start "
         "and opening the model (the intercept of the fit); CPU s is user + system time, which other jobs on the "
         "same cores disturb less than the wall time; peak RSS by `/usr/bin/time -v`. GiB = 2^30 bytes of float32 samples. "
         "A recording-hour here is one hour of tri-axial samples at 5120 Hz (0.21 GiB); the cost follows the samples, "
         "so at a plant's 25.6 kHz an hour holds 5x the samples and the recording-hours per hour are a fifth.", "",
         "| run | GiB raw | recordings | recording-hours | wall s | wall s per GiB | CPU s per GiB | recording-hours (5120 Hz) per hour | peak RSS MB | load |",
         "|---|---|---|---|---|---|---|---|---|---|"]
for name in names:
    for r in sorted((r for r in batch if r["name"] == name), key=lambda r: r["size"]):
        gb = r["files"] * 60 * FS * CH * 4 / GB_RAW
        lines.append(f"| {name} | {gb:.3f} | {r['files']} | {r['hours']:.2f} | {r['seconds']:.1f} | "
                     f"{r['seconds'] / gb:.1f} | {r['cpu_seconds'] / gb:.1f} | {r['hours'] * 3600 / r['seconds']:.0f} | "
                     f"{r['rss_kb'] / 1024:.0f} | {r['load']} |")
lines += ["", "| run | slope: wall s per GiB | intercept s | slope: CPU s per GiB | CPU s per GiB, largest / smallest batch "
              "(intercept removed) | peak RSS MB, smallest / largest | recording-hours (5120 Hz) per hour at the largest size |",
          "|---|---|---|---|---|---|---|"]
fits = {}
for name in names:
    rs = sorted((r for r in batch if r["name"] == name), key=lambda r: r["size"])
    gbs = [r["files"] * 60 * FS * CH * 4 / GB_RAW for r in rs]
    a, b = fit(list(zip(gbs, [r["seconds"] for r in rs])))
    ca, cb = fit(list(zip(gbs, [r["cpu_seconds"] for r in rs])))
    fits[name] = (a, b, rs)
    per = [(r["cpu_seconds"] - ca) / g for g, r in zip(gbs, rs)]
    lines.append(f"| {name} | **{b:.1f}** | {a:.1f} | **{cb:.1f}** | {per[-1] / per[0]:.2f} | {rs[0]['rss_kb'] / 1024:.0f} / "
                 f"{rs[-1]['rss_kb'] / 1024:.0f} | {rs[-1]['hours'] * 3600 / rs[-1]['seconds']:.0f} |")
if len(names) >= 2:
    one, alln = fits[names[0]][2][-1], fits[names[1]][2][-1]
    lines += ["", f"At the largest size {names[1]} score {one['seconds'] / alln['seconds']:.2f}x the recording-hours per "
              f"hour of {names[0]} (the slopes: {fits[names[0]][1] / fits[names[1]][1]:.2f}x). Where the load average "
              f"is above the {cores} cores, other jobs hold them and more threads cannot gain wall time; the CPU time "
              "per GiB, what a run costs, is the figure to scale from: it stays the same across sizes (largest / "
              "smallest near 1: linear) and between the thread counts, and peak RSS does not grow with the batch."]
for name in names[2:]:  # the Spark row (SCALE_SPARK_CMD) beside in-process scoring on every core
    alln, other = fits[names[1]][2][-1], fits[name][2][-1]
    spark_cmd = os.environ.get("SCALE_SPARK_CMD", "SCALE_SPARK_CMD")
    lines += ["", f"*{name}*: `{spark_cmd}` (one embedded JVM, driver and executor; start-up, the Parquet verdicts and "
              "per-window tables included). At the largest size: "
              f"{alln['seconds'] / other['seconds']:.2f}x the recording-hours per hour of in-process {names[1]}; "
              f"its slope {fits[name][1]:.1f} wall s per GiB against {fits[names[1]][1]:.1f}, its fixed cost "
              f"{fits[name][0]:.1f} s against {fits[names[1]][0]:.1f} s."]

longs = [json.loads(l) for l in open(long_file)]
size = {r["rows"]: r["csv_bytes"] for r in longs if "csv_bytes" in r}
by = {(r["rows"], r["mode"]): r for r in longs if "mode" in r}
rss = {(r["size"], r["kind"]): r["rss_kb"] for r in rows if r["kind"].startswith("long-")}
lines += ["", "One long recording, `time,X,Y,Z` CSV at 5120 Hz (rows as generated by `bench/scale_data.py`), "
          "scored by `RecordingScorer` in one JVM per run with `./triax`'s JVM options (`ScaleBench`): *whole* reads the "
          "file into memory and then scores it, as `predict` did for every file before; *stream* reads and scores it "
          "chunk by chunk (256 windows), what `predict` does for files of 16 MiB or more. Both give the same verdict "
          "(checked here: same windows and probability).", "",
          "| rows | CSV MB | recording minutes | whole: peak RSS MB | stream: peak RSS MB | whole s | stream s | same verdict |",
          "|---|---|---|---|---|---|---|---|"]
for n in sorted(size):
    w, s = by[(n, "whole")], by[(n, "stream")]
    same = w["windows"] == s["windows"] and w["probability"] == s["probability"] and w["verdict"] == s["verdict"]
    lines.append(f"| {n / 1e6:g} M | {size[n] / 1e6:.0f} | {n / FS / 60:.1f} | {rss[(n, 'long-whole')] / 1024:.0f} | "
                 f"**{rss[(n, 'long-stream')] / 1024:.0f}** | {w['seconds']:.1f} | {s['seconds']:.1f} | "
                 f"{'yes' if same else 'NO'} |")
lines += ["", "Streaming reads a CSV twice (once for the time stamp and counter columns and the rate, once for the "
          "samples), which is the price of its flat memory; MAT and HDF5 files are still read whole.",
          "<!-- scale-scoring:end -->"]
sections.replace("scale-scoring", lines)
print("\n".join(lines))
