#!/usr/bin/env bash
# ScoreJob on Spark local[2] beside in-process `triax predict` (the peer: same model, same input,
# same run) on input of bench/scale.sh's kind: batches of generated one-minute tri-axial 5120 Hz
# float32 WAV recordings, three sizes in GB (2^30 bytes) of raw samples. Wall time, recording-hours
# per hour, peak RSS (/usr/bin/time -v), the slope of wall time over input size; its BENCHMARKS.md
# section goes between <!-- scale-spark:begin --> and <!-- scale-spark:end -->.
#   bench/spark.sh [GB GB GB]   (default 0.0625 0.25 1)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@"); [[ ${#sizes[@]} -gt 0 ]] || sizes=(0.0625 0.25 1)
fs=5120; bytes_per_file=$((60 * fs * 3 * 4))
out=target/bench/spark; rm -rf "$out"; mkdir -p "$out"
mvn -q -B package -DskipTests -pl triax-spark -am
mvn -q -B test-compile -pl triax-spark -am

# the model: the demo dataset's fused design after one epoch (as bench/scale.sh: scoring, not accuracy)
./triax train --mode fused --epochs 1 --out "$out/model" > "$out/train.log"
model="$(ls "$out"/model/*.triax | head -1)"

measure() { # log command... -> "wall_s peak_rss_mb" (exit 0, or 3 for a partial batch)
  local log=$1; shift
  /usr/bin/time -v "$@" > "$log" 2> "$log.time" || [[ $? == 3 ]]
  awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,t,":"); w=(n==3)?t[1]*3600+t[2]*60+t[3]:t[1]*60+t[2]}
              /Maximum resident/{r=$2/1024} END{printf "%.2f %.0f\n", w, r}' "$log.time"
}
res="$out/results.tsv"; echo -e "gb\tfiles\tspark_s\tspark_rss_mb\tpredict_s\tpredict_rss_mb\tparquet_kb" > "$res"
for gb in "${sizes[@]}"; do
  files=$(python3 -c "print(max(1, round($gb * 2**30 / $bytes_per_file)))")
  in="$out/input-$gb"; java -cp triax-spark/target/test-classes org.triax.spark.bench.ScaleInput "$in" "$files" 60 "$fs"
  # Spark's heap capped (its default, a quarter of RAM, lets the heap grow with the input)
  read -r ss sr < <(measure "$out/spark-$gb.log" env TRIAX_JAVA_OPTS="-Xmx1g" ./triax-spark.sh score --master 'local[2]' \
    --model "$model" --input "$in" --output "$out/scores-$gb")
  read -r ps pr < <(measure "$out/predict-$gb.log" ./triax predict --model "$model" --format csv "$in")
  pq=$(du -sk "$out/scores-$gb" | cut -f1)
  echo -e "$gb\t$files\t$ss\t$sr\t$ps\t$pr\t$pq" | tee -a "$res"
  rm -rf "$in"
done

python3 - "$res" "$(nproc)" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" "$*" <<'PY'
import sys
sys.path.insert(0, "bench")
import sections
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])][1:]
cores, cpu, args = sys.argv[2], sys.argv[3], sys.argv[4]
load = open("/proc/loadavg").read().split()[1]  # 5-minute average at the end
gib = [int(r[1]) * 60 * 5120 * 3 * 4 / 2**30 for r in rows]   # raw samples actually generated
hours = [int(r[1]) / 60 for r in rows]
def fit(x, y):  # least squares y = a + b x
    n = len(x); mx = sum(x) / n; my = sum(y) / n
    b = sum((xi - mx) * (yi - my) for xi, yi in zip(x, y)) / sum((xi - mx) ** 2 for xi in x)
    return my - b * mx, b
spark = [float(r[2]) for r in rows]; pred = [float(r[4]) for r in rows]
sa, sb = fit(gib, spark); pa, pb = fit(gib, pred)
per_h = 60 * 5120 * 3 * 4 * 60 / 2**30  # GiB per recording-hour at 5120 Hz
lines = ["<!-- scale-spark:begin -->", "## Scale: ScoreJob on Spark local[2] (bench/spark.sh)", "",
  f"Batches of generated one-minute tri-axial 5120 Hz float32 WAV recordings (bench/scale.sh's kind), the demo dataset's "
  f"fused model after one epoch (input 3 x 65 x 57, window 1024, hop 512), {cores} cores ({cpu}). Spark: "
  f"`./triax-spark.sh score --master local[2]` (embedded, start-up included, heap 1 GB); peer in the same run: in-process "
  f"`./triax predict --format csv` on the same files. Load average {load} at the end of the run (the machine is shared).", "",
  "| raw GiB | recording-h | Spark s | Spark rec-h/h | Spark peak RSS MB | predict s | predict rec-h/h | predict peak RSS MB | ratio Spark/predict (throughput) | Parquet out MB |",
  "|---|---|---|---|---|---|---|---|---|---|"]
for r, g, h in zip(rows, gib, hours):
    s, p = float(r[2]), float(r[4])
    lines.append(f"| {g:.3f} | {h:.1f} | {s:.1f} | {h / (s / 3600):.0f} | {r[3]} | {p:.1f} | {h / (p / 3600):.0f} | {r[5]} | "
                 f"**{p / s:.2f}x** | {int(r[6]) / 1024:.1f} |")
lines += ["", f"Linear fit of wall time over input: Spark {sb:.0f} s per GiB of raw samples + {sa:.1f} s fixed "
  f"({sb * per_h:.0f} s per recording-hour at 5120 Hz); predict {pb:.0f} s per GiB + {pa:.1f} s. Cost follows the samples "
  f"(windows are counted in samples), so s/GiB carries over to other rates. Measured by "
  f"`bench/spark.sh{(' ' + args) if args else ''}`; `docs/scale.md` sizes a plant from the Spark slope.",
  "<!-- scale-spark:end -->"]
sections.replace("scale-spark", lines)
print("\n".join(lines))
PY
