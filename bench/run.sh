#!/usr/bin/env bash
# Benchmark suite: triax against the peers a user would pick instead (PyTorch-Python, scipy), side
# by side in one run on the same cores, then BENCHMARKS.md. Not part of CI.
#   bench/run.sh            full run (about 15-20 minutes on 2 cores), writes BENCHMARKS.md
#   bench/run.sh --smoke    one short iteration of everything, writes target/bench/BENCHMARKS.smoke.md
set -euo pipefail
cd "$(dirname "$0")/.."
smoke=0; [[ "${1:-}" == "--smoke" ]] && smoke=1
PY=/usr/bin/python3   # Debian's python, where python3-torch and python3-scipy live
if ! $PY -c "import torch, scipy" 2>/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch python3-scipy
fi
command -v /usr/bin/time >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time
mvn -q -B package -DskipTests -pl triax-core -am
mvn -q -B test-compile -pl triax-core -am
CP="triax-core/target/test-classes:triax-core/target/classes:$(ls triax-core/target/lib/*.jar | tr '\n' ':')"
mapfile -t opts < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' jvm.options)   # the same JVM options as ./triax
JAVA=(java "${opts[@]}" -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$CP" org.triax.bench.BenchMain)
# the machine's OpenBLAS settings slow numpy/torch; the peers run without them (as the env notes advise)
PEER=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $PY bench/peer.py)

out=target/bench; mkdir -p "$out"; res="$out/results.jsonl"; : > "$res"
echo "machine: $($PY bench/report.py machine)" >&2   # the CPU and its ISA flags: BENCHMARKS.md has one section per CPU
if (( smoke )); then steps=4; train_epochs=3; reps=1; stft_reps=2; lat_reps=5; e2e_epochs=1
else steps=40; train_epochs=13; reps=3; stft_reps=20; lat_reps=200; e2e_epochs=10; fi

run() { echo "+ $*" >&2; "$@" | grep '^{' | tee -a "$res"; }

# training: triax and the peer take turns epoch by epoch (bench/lockstep.py), ratios paired per epoch
for d in fused separate; do
  run $PY bench/lockstep.py "$steps" 32 -- "${JAVA[@]}" train "$d" "$steps" "$train_epochs" lockstep \
    -- "${PEER[@]}" train "$d" "$steps" "$train_epochs" lockstep
done
for r in $(seq "$reps"); do
  run "${JAVA[@]}" stft 1 "$stft_reps"
  run "${JAVA[@]}" stft 0 "$stft_reps"
  run "${PEER[@]}" stft 1 "$stft_reps"
done
for d in fused separate; do
  run "${JAVA[@]}" predict "$d" "$lat_reps"
  run "${PEER[@]}" predict "$d" "$lat_reps"
done

# end to end: the real command on the real datasets
e2e() { # name dir extra-args...
  local name=$1 dir=$2; shift 2
  [[ -d "$dir" ]] || { echo "skip $name: $dir absent" >&2; return; }
  local log="$out/e2e-$name.log"
  # --no-cache: the figures include preparing the windows, as every run did before the cache (bench/ooc.sh measures it)
  /usr/bin/time -v ./triax train --data "$dir" --mode both --epochs "$e2e_epochs" --out "$out/models-$name" --no-cache "$@" \
    > "$log" 2> "$out/e2e-$name.time"
  # each model's int8 export on the same test set: "model fp32-acc int8-acc" per line
  local m acc='s/^windows [0-9]*: accuracy \([0-9.]*\) %.*/\1/p'
  for m in "$out/models-$name"/*.triax; do
    [[ -f "${m%.triax}.int8.onnx" ]] || ./triax export --model "$m" --precision int8 > /dev/null
    echo "$m $(./triax evaluate --model "$m" --data "$dir" | sed -n "$acc") \
$(./triax evaluate --model "$m" --data "$dir" --precision int8 | sed -n "$acc")"
  done > "$out/e2e-$name.int8"
  $PY bench/report.py e2e "$name" "$log" "$out/e2e-$name.time" "./triax train --data $dir --mode both --epochs $e2e_epochs $*" \
    "$out/e2e-$name.int8" | tee -a "$res"
}
e2e kafeel ../shared/data/kafeel-motor-triaxial --fs 1000
e2e cwru ../shared/data/cwru-48k-10class --fs 48000

# this CPU's section is replaced (or added beside the other CPUs'); every other section is kept as it is
target=BENCHMARKS.md
if (( smoke )); then target="$out/BENCHMARKS.smoke.md"; cp BENCHMARKS.md "$target" 2>/dev/null || : > "$target"; fi
$PY bench/report.py markdown "$res" "bench/run.sh${1:+ $1}" "$target"
# the accuracy section comes from its own, much longer run (bench/generalisation.sh): kept as measured
if (( ! smoke )) && [[ -f bench/generalisation.md ]]; then
  $PY - "$target" <<'PY'
import sys
sys.path.insert(0, "bench")
import sections
body = open("bench/generalisation.md").read().rstrip("\n").split("\n")
sections.replace("generalisation", ["<!-- generalisation:begin -->"] + body + ["<!-- generalisation:end -->"], sys.argv[1])
PY
fi
echo "wrote $target"
