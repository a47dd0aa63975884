#!/usr/bin/env bash
# triax studio's prediction over HTTP beside in-process prediction (StudioBench), one run on this
# machine, then its section of BENCHMARKS.md (bench/run.sh rewrites that file: run this after it).
#   bench/studio.sh [REQUESTS] [CLIENTS]     default 3000 requests per measurement, 8 clients
set -euo pipefail
cd "$(dirname "$0")/.."
requests=${1:-3000}; clients=${2:-8}
mvn -q -B package -DskipTests -pl triax-core -am
mvn -q -B test-compile -pl triax-core -am
CP="triax-core/target/test-classes:triax-core/target/classes:$(ls triax-core/target/lib/*.jar | tr '\n' ':')"
mapfile -t opts < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' jvm.options)   # the same JVM options as ./triax
out=target/bench; mkdir -p "$out"
cmd="bench/studio.sh $requests $clients"
# the class path goes in an @argfile: ONNX Runtime 1.29 crashes the JVM on command lines over ~3.9 KB
printf -- '-cp\n%s\n' "$CP" > "$out/studio.args"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
java "${opts[@]}" -Dorg.slf4j.simpleLogger.defaultLogLevel=error @"$out/studio.args" org.triax.bench.BenchMain studio \
  "$requests" "$clients" | grep '^{' | tee "$out/studio.jsonl"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'); cores=$(nproc)
python3 - "$out/studio.jsonl" "$cpu" "$cores" "$cmd" "$load_before" "$load_after" <<'PY'
import json, re, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
cpu, cores, cmd, load_before, load_after = sys.argv[2:7]
by = {(r["mode"], r["clients"], r["recordings_per_request"]): r for r in rows}
single = [r for r in rows if r["recordings_per_request"] == 1]
batch = [r for r in rows if r["recordings_per_request"] > 1]
lines = ["<!-- studio:begin -->", "## 6. Studio: prediction over HTTP beside in-process", "",
         f"Measured by `{cmd}` in one run on {cpu}, {cores} cores. The same one-window recording "
         f"(3 x 1024 samples at 5120 Hz, CSV, {rows[0]['recording_bytes']} bytes) scored with the same fused model "
         "(demo data, ONNX Runtime): *in-process* is `RecordingScorer.score(file)`, what `triax predict` does "
         "(one scorer per client thread); *http* is `POST /api/v1/predict?model=...&filename=...` of the raw file "
         "to `triax serve` on loopback (java.net.http.HttpClient, one per client, keep-alive), which saves the upload, "
         "scores it with a scorer from its pool and answers the verdict and every window's probabilities as JSON. "
         f"{rows[0]['requests']} requests per row after a warm-up. Load average of the machine (1, 5, 15 min) "
         f"before the run {load_before}, after it {load_after}: other work on the same cores shows in the tails.", "",
         "| clients | in-process req/s | in-process p50 ms | in-process p99 ms | http req/s | http p50 ms | http p99 ms | http / in-process throughput |",
         "|---|---|---|---|---|---|---|---|"]
for c in sorted({r["clients"] for r in single}):
    a, b = by[("in-process", c, 1)], by[("http", c, 1)]
    lines.append(f"| {c} | {a['requests_per_s']:.0f} | {a['p50_ms']:.2f} | {a['p99_ms']:.2f} | {b['requests_per_s']:.0f} | "
                 f"{b['p50_ms']:.2f} | {b['p99_ms']:.2f} | **{100 * b['requests_per_s'] / a['requests_per_s']:.0f} %** |")
best = lambda m: max((r for r in single if r["mode"] == m), key=lambda r: r["requests_per_s"])
bi, bh = best("in-process"), best("http")
plural = lambda n, w: f"{n} {w}" + ("" if n == 1 else "s")
lines += ["", f"Best throughput: in-process {bi['requests_per_s']:.0f} req/s ({plural(bi['clients'], 'thread')}), http "
          f"{bh['requests_per_s']:.0f} req/s ({plural(bh['clients'], 'client')}): **{100 * bh['requests_per_s'] / bi['requests_per_s']:.0f} %**. "
          "Requests per second follow the mean latency, not the median: a scoring thread that loses its core waits a "
          "whole time slice (the p99). In-process threads and the server's scorers (one per core) share the cores "
          "among their ONNX Runtime sessions, as `predict --threads` does; the server queues requests beyond its "
          "scorers, so its p99 with many clients is mostly the wait in that queue. Reading and scoring a one-window "
          "recording takes about 0.8 ms; the HTTP path adds about as much again per recording (receiving and saving the "
          "upload and reading it back, Jetty and Javalin, the JSON answer with every window's probabilities, and the "
          "bench's HttpClient on the same two cores), so HTTP stays near half the in-process throughput on recordings "
          "this short; a batch of recordings per request (below) saves the round trips, not that per-recording work. "
          "Targets: HTTP throughput at least 80 % of in-process, p99 under 20 ms."]
if batch:
    k = batch[0]["recordings_per_request"]
    lines += ["", f"The same recording {k} times in one request (one multipart upload; in-process: {k} calls of "
              "`RecordingScorer.score(file)`), the way a gateway that gathers recordings sends them:", "",
              "| clients | in-process recordings/s | http recordings/s | http p50 ms per request | http p99 ms per request | http / in-process throughput |",
              "|---|---|---|---|---|---|"]
    for c in sorted({r["clients"] for r in batch}):
        a, b = by[("in-process", c, k)], by[("http", c, k)]
        lines.append(f"| {c} | {a['recordings_per_s']:.0f} | {b['recordings_per_s']:.0f} | {b['p50_ms']:.2f} | "
                     f"{b['p99_ms']:.2f} | **{100 * b['recordings_per_s'] / a['recordings_per_s']:.0f} %** |")
lines.append("<!-- studio:end -->")
sys.path.insert(0, "bench")
import sections
sections.replace("studio", lines)
print("wrote BENCHMARKS.md section 6")
PY
