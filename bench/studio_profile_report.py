"""Groups the studio server threads' JFR samples of one HTTP prediction by what they are in (bench/studio.sh profile)."""
import collections
import datetime
import json
import sys

# innermost match wins: a frame of these methods anywhere in the stack puts the sample in that group
GROUPS = [
    ("org.triax.predict.RecordingScorer.scoreWindows", "scoring: spectrograms, network (Java side), verdict"),
    ("org.triax.predict.RecordingScorer.read", "reading the recording (triax readers)"),
    ("org.triax.studio.Json.send", "JSON answer (Jackson)"),
    ("org.triax.studio.Uploads.receive", "the body (Uploads)"),
    ("org.triax.studio.ModelStore.pool", "the model's scorer pool (look-up)"),
    ("org.triax.studio.ScorerPool.with", "waiting for / handing over a scorer"),
    ("org.triax.studio.Access.check", "token and cross-site check"),
    ("org.triax.studio.Studio.securityHeaders", "security headers"),
    ("org.triax.studio.PredictApi.predict", "rest of the predict handler"),
    ("io.javalin.", "Javalin (routing, context, result)"),
]
SCORING = {GROUPS[0][1], GROUPS[1][1]}


def when(e):
    return datetime.datetime.fromisoformat(e["values"]["startTime"].replace("Z", "+00:00")).timestamp() * 1000


def main(samples, rows):
    row = [json.loads(line) for line in open(rows)][-1]
    lo, hi = row["measured_from_ms"], row["measured_to_ms"]
    groups, outside = collections.Counter(), collections.Counter()
    for e in json.load(sys.stdin if samples == "-" else open(samples))["recording"]["events"]:
        v = e["values"]
        name = v["sampledThread"].get("javaName") or ""
        if not name.startswith("JettyServerThreadPool") or not v["stackTrace"] or not lo <= when(e) <= hi:
            continue
        frames = [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"] for f in v["stackTrace"]["frames"]]
        group = "Jetty (HTTP parsing, servlet layers, socket I/O)"
        for frame in frames:  # innermost first
            hit = next((g for prefix, g in GROUPS if frame.startswith(prefix)), None)
            if hit:
                group = hit
                break
        groups[group] += 1
        if group not in SCORING:
            outside[frames[0]] += 1
    total = sum(groups.values())
    print(f"\n{total} Java samples of the server's threads while {row['requests']} requests ran ({row['clients']} clients, "
          f"{row['requests_per_s']:.0f} req/s; CPU ms per request: server threads {row['cpu_server_ms']:.3f}, client "
          f"{row['cpu_client_ms']:.3f}, GC {row['cpu_gc_ms']:.3f}, kernel {row['cpu_kernel_ms']:.3f}, process "
          f"{row['cpu_process_ms']:.3f}; {row['switches_per_request']:.1f} context switches per request). ONNX Runtime's "
          "native code and the kernel are not Java samples: their time is in the CPU figures only.")
    print("| where | share of the Java samples |\n|---|---|")
    for g, n in groups.most_common():
        print(f"| {g} | {100 * n / total:.1f} % |")
    rest = sum(outside.values())
    print(f"\ntop frames outside reading and scoring ({100 * rest / max(1, total):.1f} % of the samples):")
    for f, n in outside.most_common(15):
        print(f"  {100 * n / total:5.2f} %  {f}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
