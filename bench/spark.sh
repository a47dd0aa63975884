#!/usr/bin/env bash
# ScoreJob on Spark local[2] beside in-process `triax predict` (the peer, same model, same input,
# same run) at three input sizes of generated tri-axial 25.6 kHz recordings (16-bit WAV, one minute
# each): wall time, recording-hours per hour, peak RSS, and the slope of wall time over input size.
# Writes its BENCHMARKS.md section between <!-- scale-spark:begin --> and <!-- scale-spark:end -->.
#   bench/spark.sh [MINUTES_1 MINUTES_2 MINUTES_3]   (default 8 16 32 recording-minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-8 16 32}"); read -r -a sizes <<< "${sizes[*]}"
fs=25600
out=target/bench/spark; rm -rf "$out"; mkdir -p "$out"
mvn -q -B package -DskipTests -pl triax-spark -am
mvn -q -B test-compile -pl triax-spark -am
GEN=(java -cp "triax-spark/target/test-classes" org.triax.spark.bench.ScaleInput)

# a model of this input: one epoch of the fused design on a small labelled set (4 classes x 3 x 5 s)
"${GEN[@]}" --labelled "$out/train" 3 5 "$fs"
./triax train --data "$out/train" --mode fused --epochs 1 --out "$out/model" > "$out/train.log"
model="$(ls "$out"/model/*.onnx | head -1)"

measure() { # name log command... -> "wall_s peak_rss_mb"
  local name=$1 log=$2; shift 2
  /usr/bin/time -v "$@" > "$log" 2> "$log.time" || [[ $? == 3 ]]
  awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,t,":"); w=(n==3)?t[1]*3600+t[2]*60+t[3]:t[1]*60+t[2]}
              /Maximum resident/{r=$2/1024} END{printf "%.2f %.0f\n", w, r}' "$log.time"
}
res="$out/results.tsv"; echo -e "minutes\tspark_s\tspark_rss_mb\tpredict_s\tpredict_rss_mb\tparquet_kb" > "$res"
for m in "${sizes[@]}"; do
  in="$out/input-$m"; "${GEN[@]}" "$in" "$m" 60 "$fs"
  # Spark's heap capped (its default, a quarter of RAM, lets G1 grow the heap with the input)
  read -r ss sr < <(measure spark "$out/spark-$m.log" env TRIAX_JAVA_OPTS="-Xmx1g" ./triax-spark.sh score --master 'local[2]' --model "$model" --input "$in" --output "$out/scores-$m")
  read -r ps pr < <(measure predict "$out/predict-$m.log" ./triax predict --model "$model" --format csv "$in")
  pq=$(du -sk "$out/scores-$m" | cut -f1)
  echo -e "$m\t$ss\t$sr\t$ps\t$pr\t$pq" | tee -a "$res"
  rm -rf "$in"
done

python3 - "$res" "$(nproc)" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" "$*" <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])][1:]
cores, cpu, args = sys.argv[2], sys.argv[3], sys.argv[4]
load = open("/proc/loadavg").read().split()[1]  # 5-minute average at the end
x = [float(r[0]) / 60 for r in rows]                     # recording-hours
def fit(y):  # least squares y = a + b x
    n = len(x); mx = sum(x) / n; my = sum(y) / n
    b = sum((xi - mx) * (yi - my) for xi, yi in zip(x, y)) / sum((xi - mx) ** 2 for xi in x)
    return my - b * mx, b
spark = [float(r[1]) for r in rows]; pred = [float(r[3]) for r in rows]
sa, sb = fit(spark); pa, pb = fit(pred)
lines = ["<!-- scale-spark:begin -->", "## Scale: ScoreJob on Spark local[2] (bench/spark.sh)", "",
  f"Generated tri-axial recordings at 25.6 kHz (16-bit WAV, one minute each), a fused model (input 3 x 65 x 57, "
  f"window 1024, hop 512: 50 windows per recording-second), {cores} cores ({cpu}). Spark: `./triax-spark.sh score --master "
  f"local[2]` (embedded, start-up included, heap 1 GB); peer in the same run: in-process `./triax predict --format csv` on the same "
  f"files. Recording-hours per hour = recording time / wall time; load average {load} during the run (the machine is "
  f"shared).", "",
  "| input (recording-min) | Spark s | Spark rec-h/h | Spark peak RSS MB | predict s | predict rec-h/h | predict peak RSS MB | ratio Spark/predict (throughput) | Parquet out MB |",
  "|---|---|---|---|---|---|---|---|---|"]
for r, xi in zip(rows, x):
    s, p = float(r[1]), float(r[3])
    lines.append(f"| {r[0]} | {s:.1f} | {xi / (s / 3600):.0f} | {r[2]} | {p:.1f} | {xi / (p / 3600):.0f} | {r[4]} | "
                 f"**{p / s:.2f}x** | {int(r[5]) / 1024:.1f} |")
lines += ["", f"Linear fit of wall time over input: Spark {sb:.0f} s per recording-hour + {sa:.1f} s fixed "
  f"(steady {3600 / sb:.0f} recording-hours per hour on local[2]); predict {pb:.0f} s per recording-hour + {pa:.1f} s. "
  f"Measured by `bench/spark.sh{(' ' + args) if args else ''}`; `docs/scale.md` sizes a plant from the Spark slope.",
  "<!-- scale-spark:end -->"]
sys.path.insert(0, "bench")
import sections
sections.replace("scale-spark", lines)
print("\n".join(lines))
PY
