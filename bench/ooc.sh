#!/usr/bin/env bash
# Training from the spectrogram cache (memory-mapped shards) beside training with the windows in
# memory, on a real dataset, the train job (fused design, sizes from the data, seed 1):
#  - speed: both paths in ONE JVM, a thread each, taking turns every few batches (the order
#    alternating; OocPairBench), so the other jobs on a shared machine slow both alike. Two JVMs in
#    lockstep epoch by epoch (the earlier form) disagreed from run to run (1.02, 0.78, 5.85): one
#    process ran 4x slower than the other for minutes, its CPU time per epoch too;
#  - memory: each path alone in its own JVM for 2 epochs: peak RSS (/usr/bin/time -v), resident
#    memory split into anonymous and file-backed pages, the same weights either way;
#  - the cost of filling the cache once and of reading it.
# Writes the BENCHMARKS.md section between <!-- scale-training:begin --> and <!-- scale-training:end -->.
#   bench/ooc.sh [DATA_DIR] [EPOCHS] [FS]      default: ../shared/data/cwru-48k-10class 8 48000
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data/cwru-48k-10class}; epochs=${2:-8}; fs=${3:-48000}
[[ -d "$data" ]] || { echo "bench/ooc.sh: $data is absent" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time
mvn -q -B package -DskipTests -pl triax-core -am
mvn -q -B test-compile -pl triax-core -am
CP="triax-core/target/test-classes:triax-core/target/classes:$(ls triax-core/target/lib/*.jar | tr '\n' ':')"
mapfile -t opts < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' jvm.options)   # the same JVM options as ./triax
JAVA=(java "${opts[@]}" -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$CP" org.triax.bench.BenchMain ooc)
out=target/bench/ooc; rm -rf "$out"; mkdir -p "$out"
cache="$out/cache"; res="$out/results.jsonl"; : > "$res"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# fill the cache once (what the first `train` on a dataset does), then both sides train
/usr/bin/time -v -o "$out/prepare.time" "${JAVA[@]}" prepare "$data" "$cache" "$out/prepare" "$epochs" "$fs" \
  | grep '^{' >> "$res"
# both paths in one JVM in turns (speed; its first round adds the unknown-state check to the entry,
# as the first `train` on a dataset does), then each alone (memory figures)
"${JAVA[@]}" pair "$data" "$cache" "$out/pair" "$epochs" "$fs" | grep '^{' >> "$res"
for side in memory cache; do
  /usr/bin/time -v -o "$out/$side.time" "${JAVA[@]}" "$side" "$data" "$cache" "$out/$side" 2 "$fs" | grep '^{' >> "$res"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); cores=$(nproc)
shard_mb=$(du -sm "$cache" | cut -f1)

python3 - "$res" "$out" "$cpu" "$cores" "$load_before" "$load_after" "$shard_mb" "bench/ooc.sh $data $epochs $fs" <<'PY'
import json, re, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
out, cpu, cores, lb, la, shard_mb, cmd = sys.argv[2:9]
def peak(name):
    return int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(f"{out}/{name}.time").read()).group(1)) / 1024
prep = next(r for r in rows if r.get("bench") == "ooc-prepare")
side = {r["engine"].split("-")[1]: r for r in rows if r.get("bench") == "ooc"}
pair = next(r for r in rows if r.get("bench") == "ooc-pair")
m, c = side["memory"], side["cache"]
speed = {k: m["train_windows"] * pair["epochs_paired"] / sum(pair[f"{k}_epoch_s"][1:]) for k in ("memory", "cache")}
same = "the same weights (SHA-256 equal)" if m["weights_sha256"] == c["weights_sha256"] else "DIFFERENT weights"
lines = ["<!-- scale-training:begin -->", "## 7. Training from the disk cache beside in memory", "",
         f"Measured by `{cmd}` in one run on {cpu}, {cores} cores: the train job (`TrainJob.run`, fused design, sizes "
         f"from the data, seed 1) on `{cmd.split()[1]}`: {m['windows']} windows ({m['train_windows']} for training), "
         f"{shard_mb} MB of shards. *memory*: the windows in heap arrays (`--no-cache`); *cache*: every batch read from "
         "the memory-mapped float32 shards (`--cache DIR`, filled once before). Speed: both paths in one JVM, a thread "
         f"each, {pair['epochs_paired'] + 1} epochs, taking turns every {pair['turn_batches']} batches and at each "
         "epoch's end, the order alternating per round (`OocPairBench`), so every stretch of other work on the machine "
         "falls on both alike; samples/s = training windows / the side's own running seconds per epoch (validation "
         "included, the same for both), the first epoch (preparation, warm-up) left out. Memory: each path alone in its own JVM "
         "(2 epochs): peak RSS from `/usr/bin/time -v`, resident memory at the end split into anonymous (heap, "
         f"natives) and file-backed (mapped shards, jars) pages. Load average (1, 5, 15 min) before {lb}, after {la}.",
         "", "| | memory | cache | cache / memory |", "|---|---|---|---|",
         f"| training samples/s (epochs 2-{pair['epochs_paired'] + 1}, one JVM in turns) | {speed['memory']:.0f} | "
         f"{speed['cache']:.0f} | **{pair['ratio']:.2f}** (per epoch: {pair['ratio_min']:.2f} to {pair['ratio_max']:.2f}) |",
         f"| seconds per epoch | {', '.join(f'{x:.2f}' for x in pair['memory_epoch_s'][1:])} | "
         f"{', '.join(f'{x:.2f}' for x in pair['cache_epoch_s'][1:])} | |",
         f"| peak RSS MB (own JVM) | {peak('memory'):.0f} | {peak('cache'):.0f} | {peak('cache') / peak('memory'):.2f} |",
         f"| resident at the end, anonymous / file MB | {m['rss_anon_mb']:.0f} / {m['rss_file_mb']:.0f} | "
         f"{c['rss_anon_mb']:.0f} / {c['rss_file_mb']:.0f} | |",
         f"| preparation before training s | {m['prepared_s']:.1f} (read, split, spectrograms) | {c['prepared_s']:.1f} "
         f"({'read from the cache' if c['cache_hit'] else 'NOT a cache hit'}) | |",
         f"| test accuracy (2 epochs) | {100 * m['test_accuracy']:.2f} % | {100 * c['test_accuracy']:.2f} % | {same} |", "",
         "The weights are compared in the separate runs: the two threads in turns share the engine's random generator, "
         "from which dropout draws, so handing over within an epoch changes both sides' dropout masks (not their work). "
         "Filling the cache (read, split, spectrograms, "
         f"normalisation, shards written and synced, then verified): {prep['seconds']:.1f} s, peak RSS "
         f"{peak('prepare'):.0f} MB. Target: cache / memory samples/s >= 0.9. Why one JVM in short turns: two JVMs in "
         "lockstep, epoch by epoch, gave 1.02, 0.78 and 5.85 in three runs of the earlier form of this script, because "
         "on the shared machine one process ran up to 4x slower than the other for minutes, in CPU time per epoch too, "
         "whichever went first in a round. The mapped shards' resident pages count in RSS but belong to the page cache: the kernel drops them "
         "under memory pressure and reads them again, where heap arrays would have to be swapped; a run that reads the "
         "cache never reads or holds the recordings. `OutOfCoreTrainTest` trains from the cache in a JVM whose heap "
         "(20 MB) is under half the spectrograms (48 MB); the same run in memory ends in OutOfMemoryError.",
         "<!-- scale-training:end -->"]
sys.path.insert(0, "bench")
import sections
sections.replace("scale-training", lines)
print("\n".join(lines[5:]))
PY
