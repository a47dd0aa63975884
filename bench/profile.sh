#!/usr/bin/env bash
# Where a training step's time goes: the training bench (TrainBench, the real training loop on
# random windows) under Java Flight Recorder, the main thread's samples grouped by the libtorch call
# they are in (forward kernels, backward, optimizer) or the Java code (everything not in native code).
#   bench/profile.sh [DESIGN] [STEPS] [EPOCHS]     default: fused 40 4
set -euo pipefail
cd "$(dirname "$0")/.."
design=${1:-fused}; steps=${2:-40}; epochs=${3:-4}
mvn -q -B package -DskipTests -pl triax-core -am
mvn -q -B test-compile -pl triax-core -am
out=target/bench; mkdir -p "$out"
CP="triax-core/target/test-classes:triax-core/target/classes:$(ls triax-core/target/lib/*.jar | tr '\n' ':')"
printf -- '-cp\n%s\n' "$CP" > "$out/profile.args"   # an @argfile: ONNX Runtime 1.29 and long command lines
mapfile -t opts < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' jvm.options)
jfr="$out/train-$design.jfr"
java "${opts[@]}" -XX:StartFlightRecording=settings=profile,jdk.NativeMethodSample#period=2ms,jdk.ExecutionSample#period=2ms,filename="$jfr" -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
  @"$out/profile.args" org.triax.bench.BenchMain train "$design" "$steps" "$epochs" | grep '^{'
jfr print --json --stack-depth 64 --events jdk.ExecutionSample,jdk.NativeMethodSample "$jfr" > "$out/train-$design.samples.json"
python3 bench/profile_report.py "$out/train-$design.samples.json" "$design"
