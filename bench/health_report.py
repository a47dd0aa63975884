#!/usr/bin/env python3
"""Turns the outputs of bench/health.sh into the "Health monitoring" section of BENCHMARKS.md."""
import glob, json, os, platform, re, statistics, subprocess, sys

out, command = sys.argv[1], sys.argv[2]


def one(pattern):
    files = sorted(glob.glob(os.path.join(out, pattern)))
    if not files:
        sys.exit(f"health_report: nothing matches {pattern}")
    return files[0]


def load(pattern):
    with open(one(pattern)) as f:
        return json.load(f)


def cpu():
    name = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    return f"{name}, {os.cpu_count()} cores"


def java():
    r = subprocess.run(["java", "-version"], capture_output=True, text=True)
    return r.stderr.splitlines()[0] if r.stderr else "java"


p = []
p.append("## 5. Health monitoring (`triax baseline`, `monitor`, `evaluate` on anomaly models)\n")
p.append(f"Measured by `{command}` on {cpu()}, {java()}; load average at start / end: "
         f"{open(os.path.join(out, 'load-start.txt')).read().split('load average:')[1].strip()} / "
         f"{open(os.path.join(out, 'load-end.txt')).read().split('load average:')[1].strip()} "
         "(the machine is shared: timings vary 2x from run to run).\n")

# XJTU first alarms, seed 42, both detectors
mon = load("xjtu-monitor/*.json")
p.append("### XJTU-SY Bearing1_1: learned from its first 20 % (25 of 123 one-minute snapshots)\n")
p.append(f"`{open(one('xjtu-baseline.log')).readline().strip()}` then "
         f"`{open(one('xjtu-monitor.log')).readline().strip()}`; alarm after {mon['persist']} snapshots in a row above "
         "the threshold (index > 1). The run fails at minute 123; the horizontal RMS steps from 1.0 g (minute 76) to 2.3 g (minute 80).\n")
p.append("| detector | first alarm (minute) | lead time before the end | share of life | max index, minutes 26-69 (slow drift) | min index, minutes 79-123 (after the step) | median index, normal test snapshots |")
p.append("|---|---|---|---|---|---|---|")
base = load("xjtu/*.metrics.json")
for a in mon["firstAlarms"]:
    d = a["detector"]
    idx = [r["index"][d] for r in mon["rows"]]
    drift = max(idx[25:69])
    after = min(idx[78:])
    med = next(x["test"]["medianIndex"] for x in base["detectors"] if x["name"] == d)
    first = a["snapshot"] if a["snapshot"] > 0 else "none"
    lead = f"{a['beforeEnd']:.0f} min" if a["snapshot"] > 0 else "-"
    share = f"{100 * a['shareOfLife']:.1f} %" if a["snapshot"] > 0 else "-"
    p.append(f"| {d} | {first} | {lead} | {share} | {drift:.2f} | {after:.2f} | {med:.2f} |")
p.append("")
seeds = []
for log in sorted(glob.glob(os.path.join(out, "seed-*-monitor.log")), key=lambda s: int(re.search(r"seed-(\d+)", s).group(1))):
    m = re.search(r"first alarm at snapshot (\d+)", open(log).read())
    seeds.append(int(m.group(1)) if m else None)
ok = [s for s in seeds if s is not None]
p.append(f"First alarm of the condition-indicator detector over {len(seeds)} seeds of the fit/threshold/test split "
         f"(`--seed 1..{len(seeds)}`): minutes {', '.join(str(s) for s in seeds)} (median {statistics.median(ok) if ok else '-'}; "
         f"targets: none before 70, within 5 snapshots of the step at 76-80).\n")

# throughput
def throughput(kind):
    rates, parts, bound, start = [], {}, [], []
    for log in sorted(glob.glob(os.path.join(out, f"throughput-{kind}-*.log"))):
        text = open(log).read()
        rates.append(float(re.search(r"\(([\d.]+) snapshots/s\)", text).group(1)))
        scoring = float(re.search(r"snapshots of .* in ([\d.]+) s \(", text).group(1))
        command = re.search(r"whole command: ([\d.]+) s", text)
        if command:
            start.append(float(command.group(1)) - scoring)
        cpu = text.split("CPU per snapshot")[1].splitlines()[0]
        for name, ms in re.findall(r"(\w+) ([\d.]+) ms", cpu):
            parts.setdefault(name, []).append(float(ms))
        bound.append(float(re.search(r"at most ([\d.]+) snapshots/s", cpu).group(1)))
    return rates, {k: statistics.median(v) for k, v in parts.items()}, statistics.median(bound), start


p.append("### monitor throughput on XJTU-SY Bearing1_1 (123 snapshots of 2 x 32768 samples, gzipped CSV)\n")
p.append("Snapshots/s: wall time of reading and scoring the run in the `monitor` process (JIT warm-up included: 123 "
         "snapshots are a short run; JVM start and opening the model are not), snapshots read and scored two at a time on "
         "the 2 cores. Where the time goes: CPU time per snapshot (thread CPU time of reading and of each detector, ONNX "
         "Runtime included; other = the rest of the process's CPU time while it scored: JIT compilers, garbage collector), "
         "which other processes on the machine do not inflate much; 2 cores / that total is the CPU-bound rate an idle "
         "machine would reach. Start-up: the whole command's wall time less that of scoring (JVM start, opening the "
         "model: the autoencoder runs from the `.onnx` beside it, PyTorch is never loaded, and writing the report).\n")
p.append("| model | snapshots/s (runs) | median | CPU ms/snapshot: reading | indicators | autoencoder (spectrograms + ONNX Runtime) | other (JIT, GC) | in all | CPU-bound snapshots/s on 2 cores | start-up s (median) |")
p.append("|---|---|---|---|---|---|---|---|---|---|")
for kind, label in (("indicators", "condition indicators"), ("both", "indicators + autoencoder (`baseline`'s default)"),
                    ("rebuilt", "the default without the `.onnx` beside it (graph rebuilt with PyTorch at start)"),
                    ("long", "the default, on the run three times over (369 snapshots)")):
    rates, parts, bound, start = throughput(kind)
    ae = f"{parts['autoencoder']:.1f}" if "autoencoder" in parts else "-"
    up = f"{statistics.median(start):.2f}" if start else "-"
    p.append(f"| {label} | {', '.join(f'{r:.0f}' for r in rates)} | **{statistics.median(rates):.0f}** | "
             f"{parts['reading']:.1f} | {parts['indicators']:.1f} | {ae} | {parts['other']:.1f} | {parts['all']:.1f} | "
             f"{bound:.0f} | {up} |")
p.append("")
both, rebuilt = throughput("both")[3], throughput("rebuilt")[3]
if both and rebuilt:
    p.append(f"Start-up of the default model from its `.onnx` / rebuilt with PyTorch, measured in the same run: "
             f"{statistics.median(both):.2f} s / {statistics.median(rebuilt):.2f} s "
             f"(ratio {statistics.median(both) / statistics.median(rebuilt):.2f}).\n")

# AUCs
p.append("### Normal vs faulty recordings (`triax evaluate` on an anomaly model)\n")
p.append("Trained on normal recordings only. Normal units scored: the baseline's normal test blocks (never fitted on, "
         "not used for the threshold); every window of every faulty recording. pAUC: FPR <= 0.1, McClish-standardised "
         "(0.5 chance, 1 perfect). Precision, recall, F1 and false alarms at the model's threshold.\n")
p.append("| data | detector | unit | normal / other | ROC AUC | pAUC | precision | recall | F1 | false alarms | worst class AUC (recordings / windows) |")
p.append("|---|---|---|---|---|---|---|---|---|---|---|")
for name in ("kafeel", "cwru"):
    ev = load(f"{name}-evaluate/*.json")
    for d, f in ev["detectors"].items():
        for unit in ("recordings", "windows"):
            m = f[unit]
            worst = (f"{min(f['perClass'], key=f['perClass'].get)} {min(f['perClass'].values()):.4f} / "
                     f"{min(f['perClassWindows'].values()):.4f}") if unit == "recordings" else ""
            p.append(f"| {name} | {d} | {unit} | {m['normal']} / {m['anomalous']} | {m['auc']:.4f} | {m['partialAuc']:.4f} | "
                     f"{m['precision']:.4f} | {m['recall']:.4f} | {m['f1']:.4f} | {100 * m['falseAlarm']:.2f} % | {worst} |")
p.append("")
wins = []
for name in ("kafeel", "cwru"):
    line = next((l.strip() for l in open(one(f"{name}-evaluate.log")) if l.startswith(("better here", "the detectors tie"))),
                "one detector")
    wins.append(f"{name}: {line}")
sep = []
for a in mon["firstAlarms"]:
    idx = [r["index"][a["detector"]] for r in mon["rows"]]
    sep.append(f"{a['detector']} {min(idx[78:]) / max(idx[25:69]):.1f}x")
wins.append("XJTU, lowest index after the step over the highest on the slow drift: " + ", ".join(sep))
p.append("Which detector wins where (`evaluate`'s verdict: recording-level ROC AUC, then windows): " + "; ".join(wins) + ".\n")
p.append("Commands: " + "; ".join(f"`{open(one(f)).readline().strip()}`" for f in
                                 ("kafeel-baseline.log", "kafeel-evaluate.log", "cwru-baseline.log", "cwru-evaluate.log")) + ".\n")
print("\n".join(p))
