#!/usr/bin/env bash
# Training from the spectrogram cache (memory-mapped shards) beside training with the windows in
# memory: the same `triax train` on a real dataset, fused design, rounds taken in turn (memory,
# cache, memory, cache...) so that each pair is measured minutes apart at most on a shared machine;
# samples/s of each run and the ratio per pair, peak RSS from /usr/bin/time -v, and the cost of the
# first (preparing) and later (reading) cache runs. Writes the BENCHMARKS.md section between
# <!-- scale-training:begin --> and <!-- scale-training:end -->.
#   bench/ooc.sh [DATA_DIR] [EPOCHS] [ROUNDS] [-- extra train options]
#   default: ../shared/data/cwru-48k-10class 3 2 -- --fs 48000
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data/cwru-48k-10class}; epochs=${2:-3}; rounds=${3:-2}
shift $(( $# < 3 ? $# : 3 )); [[ "${1:-}" == "--" ]] && shift
extra=("$@"); (( ${#extra[@]} )) || extra=(--fs 48000)
[[ -d "$data" ]] || { echo "bench/ooc.sh: $data is absent" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time
out=target/bench/ooc; rm -rf "$out"; mkdir -p "$out"
cache="$out/cache"; res="$out/results.jsonl"; : > "$res"
./triax --version >/dev/null   # builds the jar once, outside the measurements
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

one() { # mode round
  local mode=$1 r=$2 dir="$out/$1-$2"
  local where=(--no-cache); [[ $mode == cache ]] && where=(--cache "$cache")
  local cmd=(./triax train --data "$data" --mode fused --epochs "$epochs" --seed 1 --out "$dir" "${where[@]}" "${extra[@]}")
  echo "+ ${cmd[*]}" >&2
  /usr/bin/time -v "${cmd[@]}" > "$dir.log" 2> "$dir.time"
  python3 - "$mode" "$r" "$dir" "$dir.log" "$dir.time" "${cmd[*]}" >> "$res" <<'PY'
import glob, json, re, statistics, sys
mode, r, d, log, tm, cmd = sys.argv[1:7]
meta = json.load(open(glob.glob(d + "/*.metrics.json")[0]))
secs = [e["seconds"] for e in meta["history"]]
steady = secs[1:] or secs                      # the first epoch warms up the engine
text = open(log).read()
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(tm).read()).group(1))
wall = re.search(r"Elapsed \(wall clock\) time.*: (\S+)", open(tm).read()).group(1)
prep = float(re.search(r"prepared in ([0-9.]+) s", text).group(1))
print(json.dumps({"mode": mode, "round": int(r), "train_windows": meta["dataset"]["trainWindows"],
                  "windows": meta["dataset"]["trainWindows"] + meta["dataset"]["validationWindows"] + meta["dataset"]["testWindows"],
                  "samples_per_s": meta["dataset"]["trainWindows"] / statistics.median(steady), "epoch_s": secs,
                  "prepared_s": prep, "cache_hit": "preparation skipped" in text, "peak_rss_mb": rss / 1024,
                  "wall": wall, "test_accuracy": meta["test"]["accuracy"], "cmd": cmd}))
PY
}
for r in $(seq "$rounds"); do one memory "$r"; one cache "$r"; done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); cores=$(nproc)
shard_mb=$(du -sm "$cache" | cut -f1)

python3 - "$res" "$cpu" "$cores" "$load_before" "$load_after" "$shard_mb" "bench/ooc.sh $data $epochs $rounds -- ${extra[*]}" <<'PY'
import json, re, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
cpu, cores, lb, la, shard_mb, cmd = sys.argv[2:8]
by = {(x["mode"], x["round"]): x for x in rows}
rounds = sorted({x["round"] for x in rows})
ratios = [by[("cache", r)]["samples_per_s"] / by[("memory", r)]["samples_per_s"] for r in rounds]
m = [by[("memory", r)] for r in rounds]; c = [by[("cache", r)] for r in rounds]
lines = ["<!-- scale-training:begin -->", "## 7. Training from the disk cache beside in memory", "",
         f"Measured by `{cmd}` in one run on {cpu}, {cores} cores: `triax train --mode fused --epochs "
         f"{len(m[0]['epoch_s'])}` on `{m[0]['cmd'].split('--data ')[1].split()[0]}` "
         f"({m[0]['windows']} windows, {m[0]['train_windows']} of them training; {shard_mb} MB of shards), "
         "*memory* with `--no-cache` (the windows in heap arrays), *cache* with `--cache DIR` (every batch read from the "
         "memory-mapped float32 shards; the first cache run prepares and writes them, the later ones read them). "
         "Rounds in turn (memory, cache, memory, ...); samples/s = training windows / median epoch time from the second "
         "epoch on (validation included, the same for both); peak RSS from `/usr/bin/time -v`. Load average (1, 5, 15 min) "
         f"before {lb}, after {la}.", "",
         "| round | memory samples/s | cache samples/s | cache / memory | memory peak RSS MB | cache peak RSS MB | memory prepared s | cache prepared s |",
         "|---|---|---|---|---|---|---|---|"]
for r, q in zip(rounds, ratios):
    a, b = by[("memory", r)], by[("cache", r)]
    lines.append(f"| {r} | {a['samples_per_s']:.0f} | {b['samples_per_s']:.0f} | **{q:.2f}** | {a['peak_rss_mb']:.0f} | "
                 f"{b['peak_rss_mb']:.0f} | {a['prepared_s']:.1f} | {b['prepared_s']:.1f}"
                 f"{' (read)' if b['cache_hit'] else ' (prepared, written)'} |")
lines += ["", f"Median cache / memory samples/s: **{statistics.median(ratios):.2f}** (target >= 0.9). Peak RSS: memory "
          f"{statistics.median(x['peak_rss_mb'] for x in m):.0f} MB, cache {statistics.median(x['peak_rss_mb'] for x in c):.0f} MB "
          "(the resident pages of the mapped shards count in a process's RSS, but they are the page cache's: the kernel "
          "drops them under memory pressure and rereads them, where heap arrays would have to be swapped). A run that "
          "reads the cache never reads or holds the recordings. `OutOfCoreTrainTest` trains from the cache in a JVM whose "
          "heap (16 MB) is a third of the spectrograms (48 MB). Test accuracy of every run: "
          + ", ".join(f"{x['mode']} {100 * x['test_accuracy']:.2f} %" for x in rows)
          + " (the same seed trains the same model either way: `CachedTrainingTest` checks the weights bit for bit).",
          "<!-- scale-training:end -->"]
sys.path.insert(0, "bench")
import sections
sections.replace("scale-training", lines)
print("\n".join(lines[5:]))
PY
