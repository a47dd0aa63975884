#!/usr/bin/env bash
# Health-monitoring figures on the real data: XJTU-SY Bearing1_1 first alarm and lead time (seed 42
# with both detectors, and a seed sweep of the split), monitor throughput on XJTU and where its
# time goes, ROC AUCs of CWRU and Kafeel normal vs faulty. Writes the "Health monitoring" section
# of BENCHMARKS.md (between its markers; bench/run.sh rewrites the file, so run this after it).
#   bench/health.sh            full run (about 10 minutes on 2 busy cores)
#   bench/health.sh --smoke    2 seeds, 1 throughput repeat, 2 autoencoder epochs; writes target/bench/health/section.md only
set -euo pipefail
cd "$(dirname "$0")/.."
smoke=0; [[ "${1:-}" == "--smoke" ]] && smoke=1
DATA=${TRIAX_DATA:-../shared/data}
X="$DATA/xjtu-sy-run-to-failure/Bearing1_1"; K="$DATA/kafeel-motor-triaxial"; C="$DATA/cwru-48k-10class"
for d in "$X" "$K" "$C"; do [[ -d "$d" ]] || { echo "bench/health.sh: $d absent" >&2; exit 1; }; done
if (( smoke )); then seeds=2; reps=1; epochs=(--epochs 2); else seeds=10; reps=3; epochs=(); fi
out=target/bench/health; rm -rf "$out"; mkdir -p "$out"
./triax --version > /dev/null   # builds the jar when the sources changed
run() { local log=$1; shift; echo "+ ./triax $*" >&2; echo "./triax $*" > "$log"; ./triax "$@" >> "$log" 2>&1; }
uptime > "$out/load-start.txt"

# XJTU-SY Bearing1_1: normal = its first 20 %, both detectors, seed 42
run "$out/xjtu-baseline.log" baseline --run "$X" --normal-first 20% --fs 25600 --detectors indicators,autoencoder \
  "${epochs[@]}" --out "$out/xjtu"
run "$out/xjtu-monitor.log" monitor --model "$out"/xjtu/*.triax "$X" --interval 1min --out "$out/xjtu-monitor"

# the first alarm over seeds of the fit/threshold/test split (the classical detector alone: seconds per seed)
for s in $(seq "$seeds"); do
  run "$out/seed-$s-baseline.log" baseline --run "$X" --normal-first 20% --fs 25600 --detectors indicators --seed "$s" \
    --out "$out/seed-$s"
  run "$out/seed-$s-monitor.log" monitor --model "$out"/seed-$s/*.triax "$X" --interval 1min --out "$out/seed-$s/monitor"
done

# monitor throughput: the classical model alone and both detectors (baseline's default), each run on a fresh
# JVM; the default without its .onnx; then both on the run three times over (369 snapshots: JIT warm-up amortised, as in a long watch).
# TRIAX_BENCH_LOCK=FILE takes that lock (flock) around each timed run, on a machine shared by benchmarks.
# Each timed log ends with the whole command's wall time (JVM start and opening the model included).
whole() { local log=$2 t0=$EPOCHREALTIME; "$@"; awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "whole command: %.2f s\n", b - a }' >> "$log"; }
timed() { if [[ -n "${TRIAX_BENCH_LOCK:-}" ]]; then { flock 9; whole "$@"; } 9>>"$TRIAX_BENCH_LOCK"; else whole "$@"; fi; }
long="$out/xjtu-x3"; mkdir -p "$long"
for k in $(seq 123); do for c in 0 1 2; do ln -s "$(realpath "$X/$k.csv.gz")" "$long/$((k + 123 * c)).csv.gz"; done; done
# the peer of the start-up: the default model without the .onnx beside it (its graph rebuilt with PyTorch)
alone="$out/xjtu-alone"; mkdir -p "$alone"; cp "$out"/xjtu/*.triax "$alone"/
for r in $(seq "$reps"); do
  timed run "$out/throughput-indicators-$r.log" monitor --model "$out"/seed-1/*.triax "$X" --out "$out/throughput"
  timed run "$out/throughput-rebuilt-$r.log" monitor --model "$alone"/*.triax "$X" --out "$out/throughput"
  timed run "$out/throughput-both-$r.log" monitor --model "$out"/xjtu/*.triax "$X" --out "$out/throughput"
  timed run "$out/throughput-long-$r.log" monitor --model "$out"/xjtu/*.triax "$long" --out "$out/throughput"
done

# normal vs faulty recordings: Kafeel (103 normal recordings, split by recording) and CWRU (one normal
# recording in time blocks; its 141 threshold windows support 5 % but not 1 %, see README)
run "$out/kafeel-baseline.log" baseline --data "$K" --normal-class normal --fs 1000 --detectors indicators,autoencoder \
  "${epochs[@]}" --out "$out/kafeel"
run "$out/kafeel-evaluate.log" evaluate --model "$out"/kafeel/*.triax --data "$K" --out "$out/kafeel-evaluate"
run "$out/cwru-baseline.log" baseline --data "$C" --normal-class normal --fs 48000 --false-alarm 5% \
  --detectors indicators,autoencoder "${epochs[@]}" --out "$out/cwru"
run "$out/cwru-evaluate.log" evaluate --model "$out"/cwru/*.triax --data "$C" --out "$out/cwru-evaluate"
uptime > "$out/load-end.txt"

python3 bench/health_report.py "$out" "bench/health.sh${1:+ $1}" > "$out/section.md"
if (( ! smoke )); then
  python3 - "$out/section.md" <<'PY'
import pathlib, re, sys
section = pathlib.Path(sys.argv[1]).read_text()
md = pathlib.Path("BENCHMARKS.md")
text = md.read_text() if md.exists() else "# Benchmarks\n"
block = "<!-- health:begin -->\n" + section + "<!-- health:end -->\n"
if "<!-- health:begin -->" in text:
    text = re.sub(r"<!-- health:begin -->.*<!-- health:end -->\n", lambda m: block, text, flags=re.S)
else:
    text = text.rstrip("\n") + "\n\n" + block
md.write_text(text)
PY
  echo "wrote the health section of BENCHMARKS.md"
fi
cat "$out/section.md"
