#!/usr/bin/env bash
# Scoring at scale, one run on this machine, then its section of BENCHMARKS.md (between
# <!-- scale-scoring:begin --> and <!-- scale-scoring:end -->):
#  1. `triax predict` over batches of generated one-minute recordings (tri-axial, 5120 Hz, float32
#     WAV) of three sizes: wall time, recording-hours per hour, peak RSS (/usr/bin/time -v), on one
#     core (taskset -c 0, --threads 1) and on all cores (--threads $(nproc)); the slope in seconds
#     per GB of raw samples, of wall time and of CPU time (user + system: what other jobs on a shared
#     machine disturb least), and how the cost per GB holds across sizes.
#  2. One long "time,X,Y,Z" CSV recording of 1 M, 4 M and 16 M rows scored whole (read, then scored:
#     what predict did before it streamed) and streamed (what it does now): peak RSS and seconds.
#
#   bench/scale.sh [GB GB GB]   batch sizes in GB (2^30 bytes) of raw float32 samples (default 0.0625 0.25 1)
#
# Environment:
#   SCALE_SPARK_CMD  the Spark row, run once per batch size after the in-process rows, with {model},
#                    {data} and {out} replaced by the model file, the batch folder and a fresh output
#                    path; its wall time and peak RSS become a row named by SCALE_SPARK_NAME
#                    (default "spark local[2]"). Default: ScoreJob embedded on local[2] with a 1 GB heap,
#                    'env TRIAX_JAVA_OPTS=-Xmx1g ./triax-spark.sh score --master local[2] --model {model} --input {data} --output {out}';
#                    set it empty (SCALE_SPARK_CMD=) for the in-process rows alone
#   SCALE_LONG_ROWS  lengths of the long CSV (default "1000000 4000000 16000000")
#   SCALE_KEEP=1     keep the generated data in target/bench/scale (default: deleted at the end)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@"); [[ ${#sizes[@]} -gt 0 ]] || sizes=(0.0625 0.25 1)
long_rows=(${SCALE_LONG_ROWS:-1000000 4000000 16000000})
cmd="bench/scale.sh ${sizes[*]}"
spark_default='env TRIAX_JAVA_OPTS=-Xmx1g ./triax-spark.sh score --master local[2] --model {model} --input {data} --output {out}'
SCALE_SPARK_CMD=${SCALE_SPARK_CMD-$spark_default}
mvn -q -B package -DskipTests -pl triax-core -am
[[ -z "$SCALE_SPARK_CMD" ]] || mvn -q -B package -DskipTests -pl triax-spark -am   # built here, not in a timed row
mvn -q -B test-compile -pl triax-core -am
work=target/bench/scale; mkdir -p "$work"
rows="$work/rows.jsonl"; : > "$rows"
cores=$(nproc)

# the model: the demo dataset's fused design after one epoch (the bench measures scoring, not accuracy)
model=$(ls "$work"/models/*.triax 2>/dev/null | head -1 || true)
if [[ -z "$model" ]]; then
  ./triax train --mode fused --epochs 1 --out "$work/models" > "$work/train.log"
  model=$(ls "$work"/models/*.triax | head -1)
fi

# measure NAME KIND SIZE FILES HOURS CMD...: wall seconds and peak RSS of CMD (exit 0 or 3), one JSON row
measure() {
  local name=$1 kind=$2 size=$3 files=$4 hours=$5; shift 5
  local t0 t1 rc=0
  t0=$(date +%s.%N)
  /usr/bin/time -v -o "$work/time.txt" "$@" > "$work/stdout.txt" 2> "$work/stderr.txt" || rc=$?
  t1=$(date +%s.%N)
  if [[ $rc -ne 0 && $rc -ne 3 ]]; then
    echo "failed ($rc): $*" >&2; tail -5 "$work/stderr.txt" >&2; exit 1
  fi
  local rss load user sys
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
  user=$(sed -n 's/.*User time (seconds): //p' "$work/time.txt")
  sys=$(sed -n 's/.*System time (seconds): //p' "$work/time.txt")
  load=$(cut -d' ' -f1 /proc/loadavg)
  printf '{"name": "%s", "kind": "%s", "size": %s, "files": %s, "hours": %s, "seconds": %s, "cpu_seconds": %s, "rss_kb": %s, "load": %s}\n' \
    "$name" "$kind" "$size" "$files" "$hours" "$(awk "BEGIN { print $t1 - $t0 }")" "$(awk "BEGIN { print $user + $sys }")" \
    "$rss" "$load" | tee -a "$rows"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for gb in "${sizes[@]}"; do
  data="$work/batch-$gb"
  [[ -d "$data" ]] || python3 bench/scale_data.py batch "$data" "$gb" 42 > /dev/null
  files=$(ls "$data" | wc -l)
  hours=$(awk "BEGIN { print $files / 60 }")
  rm -f "$work/out.csv"
  measure "1 core" batch "$gb" "$files" "$hours" taskset -c 0 ./triax predict --model "$model" "$data" --format csv \
    --output "$work/out.csv" --threads 1
  rm -f "$work/out.csv"
  measure "$cores cores" batch "$gb" "$files" "$hours" ./triax predict --model "$model" "$data" --format csv \
    --output "$work/out.csv" --threads "$cores"
  if [[ -n "$SCALE_SPARK_CMD" ]]; then
    rm -rf "$work/spark-out"
    spark=${SCALE_SPARK_CMD//\{model\}/$model}; spark=${spark//\{data\}/$data}; spark=${spark//\{out\}/$work/spark-out}
    measure "${SCALE_SPARK_NAME:-spark local[2]}" batch "$gb" "$files" "$hours" bash -c "$spark"
  fi
done

# the long recording: the whole-file path and the stream, in the same JVM setup (ScaleBench)
CP="triax-core/target/test-classes:triax-core/target/classes:$(ls triax-core/target/lib/*.jar | tr '\n' ':')"
mapfile -t opts < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' jvm.options)   # the same JVM options as ./triax
# the class path goes in an @argfile: ONNX Runtime 1.29 crashes the JVM on command lines over ~3.9 KB
printf -- '-cp\n%s\n' "$CP" > "$work/scale.args"
rm -f "$work/long.jsonl.tmp"
for n in "${long_rows[@]}"; do
  csv="$work/long-$n.csv"
  [[ -f "$csv" ]] || python3 bench/scale_data.py csv "$csv" "$n"
  for mode in whole stream; do
    measure "$mode" "long-$mode" "$n" 1 "$(awk "BEGIN { print $n / 5120 / 3600 }")" java "${opts[@]}" \
      -Dorg.slf4j.simpleLogger.defaultLogLevel=error @"$work/scale.args" org.triax.bench.BenchMain scale "$model" "$csv" "$mode"
    grep '^{' "$work/stdout.txt" | sed "s/^{/{\"rows\": $n, /" >> "$work/long.jsonl.tmp"
  done
  csv_bytes=$(stat -c %s "$csv"); echo "{\"rows\": $n, \"csv_bytes\": $csv_bytes}" >> "$work/long.jsonl.tmp"
done
mv "$work/long.jsonl.tmp" "$work/long.jsonl"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
SCALE_SPARK_CMD="$SCALE_SPARK_CMD" python3 bench/scale_report.py "$rows" "$work/long.jsonl" "$cmd" "$cpu" "$cores" "$load_before" "$load_after"
[[ "${SCALE_KEEP:-0}" == 1 ]] || rm -rf "$work"/batch-* "$work"/long-*.csv
