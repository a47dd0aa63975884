#!/usr/bin/env bash
# triax studio's prediction over HTTP beside in-process prediction (StudioBench), one run on this
# machine, then its section of BENCHMARKS.md (bench/run.sh rewrites that file: run this after it).
#   bench/studio.sh [REQUESTS] [CLIENTS]     default 3000 requests per measurement, 8 clients
#   bench/studio.sh profile [REQUESTS] [CLIENTS]   default 6000 8: where the server's threads spend an
#     HTTP prediction: the HttpURLConnection row alone under Java Flight Recorder (Java samples every
#     1 ms), the server threads' samples of the measured part grouped by what they are in (Jetty,
#     Javalin, the token check, the body, reading, scoring, the JSON answer); BENCHMARKS.md untouched
set -euo pipefail
cd "$(dirname "$0")/.."
profile=false
if [ "${1:-}" = profile ]; then profile=true; shift; fi
requests=${1:-$($profile && echo 6000 || echo 3000)}; clients=${2:-8}
mvn -q -B package -DskipTests -pl triax-core -am
mvn -q -B test-compile -pl triax-core -am
CP="triax-core/target/test-classes:triax-core/target/classes:$(ls triax-core/target/lib/*.jar | tr '\n' ':')"
mapfile -t opts < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' jvm.options)   # the same JVM options as ./triax
out=target/bench; mkdir -p "$out"
cmd="bench/studio.sh $requests $clients"
# the class path goes in an @argfile: ONNX Runtime 1.29 crashes the JVM on command lines over ~3.9 KB
printf -- '-cp\n%s\n' "$CP" > "$out/studio.args"
if $profile; then
  jfr="$out/studio.jfr"
  # recording from the start: a recording started later made the JIT recompile the scoring code, 4x slower
  java "${opts[@]}" -XX:StartFlightRecording=settings=default,jdk.ExecutionSample#period=1ms,filename="$jfr" \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=error @"$out/studio.args" org.triax.bench.BenchMain studio \
    "$requests" "$clients" profile | grep '^{' | tee "$out/studio-profile.jsonl"
  # the samples as JSON are ~0.5 GB: read from the pipe, not kept
  jfr print --json --stack-depth 128 --events jdk.ExecutionSample "$jfr" \
    | python3 bench/studio_profile_report.py - "$out/studio-profile.jsonl"
  exit 0
fi
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
java "${opts[@]}" -Dorg.slf4j.simpleLogger.defaultLogLevel=error @"$out/studio.args" org.triax.bench.BenchMain studio \
  "$requests" "$clients" | grep '^{' | tee "$out/studio.jsonl"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'); cores=$(nproc)
python3 - "$out/studio.jsonl" "$cpu" "$cores" "$cmd" "$load_before" "$load_after" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
cpu, cores, cmd, load_before, load_after = sys.argv[2:7]
cores = int(cores)
by = {(r["client"], r["clients"], r["recordings_per_request"]): r for r in rows}
single = [r for r in rows if r["recordings_per_request"] == 1]
batch = [r for r in rows if r["recordings_per_request"] > 1]
INP, URL, JDK = "in-process", "HttpURLConnection", "HttpClient"
label = {INP: "in-process", URL: "http, HttpURLConnection", JDK: "http, java.net.http.HttpClient"}
pct = lambda a, b: f"{100 * a / b:.0f} %"
ms = lambda x: f"{x:.2f}"
nojit = lambda r: r["cpu_process_ms"] - r["cpu_jit_ms"]
def work(r):  # CPU of the threads that read and score: the client's in-process, the server's over HTTP
    return r["cpu_client_ms"] if r["client"] == INP else r["cpu_server_ms"]
lines = ["<!-- studio:begin -->", "## 6. Studio: prediction over HTTP beside in-process", "",
         f"Measured by `{cmd}` in one run on {cpu}, {cores} cores. The same one-window recording "
         f"(3 x 1024 samples at 5120 Hz, CSV, {rows[0]['recording_bytes']} bytes) scored with the same fused model "
         "(demo data, ONNX Runtime): *in-process* is `RecordingScorer.score(file)`, what `triax predict` does "
         "(one scorer per client thread); *http* is `POST /api/v1/predict?model=...&filename=...` of the raw file "
         "to `triax serve` on loopback, keep-alive, which reads the upload from memory, scores it with a scorer from "
         "its pool (one per core, requests beyond them queue in arrival order) and answers the verdict as JSON "
         "(per-window probabilities only with `?windows=true`). Two HTTP clients, both in the JDK, in the same "
         "process as the server and on the same cores: a blocking `HttpURLConnection` (no threads of its own) and "
         "`java.net.http.HttpClient` (one per client, with its selector and worker threads). "
         f"{rows[0]['requests']} requests per row, each after warm-up rounds of a fifth of that until the JIT "
         "compilers take under 5 % of the CPU (at most 5: paths share code with other types, which the JIT "
         "recompiles for when the path changes; a server serving only HTTP would not). CPU ms per request by thread role (ThreadMXBean per-thread CPU time, user + system): "
         "*scoring* is the threads that read and score (in-process: the client threads; http: the server's Jetty "
         "threads, which also parse the request and write the answer), *client* the HTTP client's threads; from "
         "Linux's per-thread accounting, *JIT* (compiler threads) and *GC* (the VM thread, where the serial "
         "collector runs); *kernel* is the part of the process's CPU spent in system calls and loopback TCP. "
         f"Load average of the machine (1, 5, 15 min) before the run {load_before}, after it {load_after}: other "
         "work on the same cores shows in the tails.", "",
         "| clients | path | req/s | p50 ms | p99 ms | of in-process | cores used | CPU ms/request: scoring | client | JIT | GC | all (kernel) | context switches/request |",
         "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
for c in sorted({r["clients"] for r in single}):
    base = by[(INP, c, 1)]
    for k in (INP, URL, JDK):
        r = by[(k, c, 1)]
        share = "" if k == INP else "**" + pct(r["requests_per_s"], base["requests_per_s"]) + "**"
        client = "" if k == INP else f"{r['cpu_client_ms']:.3f}"
        lines.append(f"| {c} | {label[k]} | {r['requests_per_s']:.0f} | {ms(r['p50_ms'])} | {ms(r['p99_ms'])} | {share} | "
                     f"{r['cpu_busy'] * cores:.2f} | {work(r):.3f} | {client} | {r['cpu_jit_ms']:.3f} | {r['cpu_gc_ms']:.3f} | "
                     f"{r['cpu_process_ms']:.3f} ({r['cpu_kernel_ms']:.3f}) | {r['switches_per_request']:.1f} |")
best = lambda k: max((r for r in single if r["client"] == k), key=lambda r: r["requests_per_s"])
bi, bu, bj = best(INP), best(URL), best(JDK)
plural = lambda n, w: f"{n} {w}" + ("" if n == 1 else "s")
# per-request CPU at one client per core: the steady state both paths are compared in
per_core = max(c for c in {r["clients"] for r in single} if c <= cores)
i, u, j = by[(INP, per_core, 1)], by[(URL, per_core, 1)], by[(JDK, per_core, 1)]
p99_many = max(r["p99_ms"] for r in single if r["client"] != INP and r["clients"] == max(x["clients"] for x in single))
lines += ["", f"Best throughput: in-process {bi['requests_per_s']:.0f} req/s ({plural(bi['clients'], 'thread')}); http "
          f"{bu['requests_per_s']:.0f} req/s with HttpURLConnection ({plural(bu['clients'], 'client')}, "
          f"**{pct(bu['requests_per_s'], bi['requests_per_s'])}**), {bj['requests_per_s']:.0f} req/s with HttpClient "
          f"({plural(bj['clients'], 'client')}, **{pct(bj['requests_per_s'], bi['requests_per_s'])}**). Targets: HTTP "
          f"throughput at least 80 % of in-process, p99 under 20 ms (here at most {p99_many:.1f} ms with "
          f"{max(x['clients'] for x in single)} clients). The process used {min(r['cpu_busy'] for r in single) * cores:.2f} "
          f"to {max(r['cpu_busy'] for r in single) * cores:.2f} of the {cores} cores (*cores used*): where other work "
          "shares the machine, requests per second follow the share a row gets (more threads get more of it), "
          "the CPU time per request does not, so the ratios below compare that.", "",
          f"Where the time goes ({per_core} clients, one per core): in-process, reading and scoring a recording takes "
          f"{work(i):.2f} ms of CPU, {i['cpu_process_ms']:.2f} ms with everything the process does. Over HTTP the server's "
          f"threads take {work(u):.2f} ms per request ({work(u) - work(i):+.2f} ms: Jetty and Javalin parsing the request and "
          f"writing the answer, the upload's bytes, the JSON), the client {u['cpu_client_ms']:.2f} ms with HttpURLConnection "
          f"and {j['cpu_client_ms']:.2f} ms with HttpClient, and the process in all {u['cpu_process_ms']:.2f} / "
          f"{j['cpu_process_ms']:.2f} ms ({u['cpu_kernel_ms']:.2f} / {j['cpu_kernel_ms']:.2f} ms of it in the kernel: "
          f"the loopback TCP and the threads' wake-ups), of which the JIT compilers {u['cpu_jit_ms']:.2f} / "
          f"{j['cpu_jit_ms']:.2f} ms (in-process {i['cpu_jit_ms']:.2f} ms): the HTTP path is far more code (Jetty, "
          "Javalin, Jackson, the JDK's clients), which the JIT is still compiling after the warm-up, the longer the "
          f"busier the machine. With client and server on the same {cores} cores, the CPU alone bounds HTTP at "
          f"{pct(i['cpu_process_ms'], u['cpu_process_ms'])} of in-process with HttpURLConnection and "
          f"{pct(i['cpu_process_ms'], j['cpu_process_ms'])} with HttpClient; once compiled (JIT time left out), at "
          f"{pct(nojit(i), nojit(u))} and {pct(nojit(i), nojit(j))}; with the client on another machine, the server "
          f"alone at {pct(nojit(i), nojit(u) - u['cpu_client_ms'])}. "
          "Requests per second follow the mean latency, not the median: a thread that loses its core waits a whole "
          "time slice (the p99), and the server's p99 with more clients than scorers is mostly the wait in their queue.", "",
          f"Why 80 % is out of reach with client and server on the same {cores} cores: at 80 % of the in-process "
          f"throughput on the same cores a request over HTTP may take at most 1.25 x the CPU of one in-process, "
          f"{1.25 * nojit(i):.2f} ms (in-process {nojit(i):.2f} ms, JIT time left out of both); it takes {nojit(u):.2f} ms "
          f"with HttpURLConnection, {nojit(u) - nojit(i):+.2f} ms against {0.25 * nojit(i):.2f} ms allowed: the server's "
          f"threads {work(u) - work(i):+.2f} ms, the client {u['cpu_client_ms']:.2f} ms, the collector and the JVM's "
          f"other threads {nojit(u) - nojit(i) - (work(u) - work(i)) - u['cpu_client_ms']:+.2f} ms. A request passes "
          "from thread to thread (client, Jetty's "
          "selector, a Jetty worker, the queue for a scorer, back to the client): "
          f"{u['switches_per_request']:.1f} context switches per request over HTTP against "
          f"{i['switches_per_request']:.1f} in-process, each a trip through the kernel that also evicts the scoring "
          "code's caches. `bench/studio.sh profile` splits the server threads' Java samples by where they are (Jetty, "
          "Javalin, the token check, the body, reading, scoring, the JSON answer)."]
if batch:
    k = batch[0]["recordings_per_request"]
    lines += ["", f"The same recording {k} times in one request (one multipart upload, HttpURLConnection; in-process: "
              f"{k} calls of `RecordingScorer.score(file)`), the way a gateway that gathers recordings sends them:", "",
              "| clients | in-process recordings/s | http recordings/s | http p50 ms per request | http p99 ms per request | http / in-process throughput | CPU ms/recording: in-process | http |",
              "|---|---|---|---|---|---|---|---|"]
    for c in sorted({r["clients"] for r in batch}):
        a, b = by[(INP, c, k)], by[(URL, c, k)]
        lines.append(f"| {c} | {a['recordings_per_s']:.0f} | {b['recordings_per_s']:.0f} | {ms(b['p50_ms'])} | "
                     f"{ms(b['p99_ms'])} | **{pct(b['recordings_per_s'], a['recordings_per_s'])}** | "
                     f"{a['cpu_process_ms'] / k:.3f} | {b['cpu_process_ms'] / k:.3f} |")
lines.append("<!-- studio:end -->")
sys.path.insert(0, "bench")
import sections
sections.replace("studio", lines)
print("wrote BENCHMARKS.md section 6")
PY
