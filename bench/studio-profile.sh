#!/usr/bin/env bash
# Where the studio's server threads spend a one-window prediction over HTTP: StudioBench's
# HttpURLConnection row alone under Java Flight Recorder (Java samples every 1 ms), the samples of the
# server's threads in the measured part grouped by what they are in (Jetty, Javalin, the token check,
# the body, reading, scoring, the JSON answer) and the top frames outside reading and scoring.
#   bench/studio-profile.sh [REQUESTS] [CLIENTS]     default 6000 8
set -euo pipefail
cd "$(dirname "$0")/.."
requests=${1:-6000}; clients=${2:-8}
mvn -q -B package -DskipTests -pl triax-core -am
mvn -q -B test-compile -pl triax-core -am
out=target/bench; mkdir -p "$out"
CP="triax-core/target/test-classes:triax-core/target/classes:$(ls triax-core/target/lib/*.jar | tr '\n' ':')"
printf -- '-cp\n%s\n' "$CP" > "$out/studio-profile.args"   # an @argfile: ONNX Runtime 1.29 and long command lines
mapfile -t opts < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' jvm.options)
jfr="$out/studio.jfr"
# recording from the start: a recording started later made the JIT recompile the scoring code, 4x slower
java "${opts[@]}" -XX:StartFlightRecording=settings=default,jdk.ExecutionSample#period=1ms,filename="$jfr" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=error @"$out/studio-profile.args" org.triax.bench.BenchMain studio \
  "$requests" "$clients" profile | grep '^{' | tee "$out/studio-profile.jsonl"
jfr print --json --stack-depth 128 --events jdk.ExecutionSample "$jfr" > "$out/studio.samples.json"
python3 bench/studio_profile_report.py "$out/studio.samples.json" "$out/studio-profile.jsonl"
