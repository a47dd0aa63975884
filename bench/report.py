#!/usr/bin/env python3
"""Turns bench/run.sh results (JSON lines) into this CPU's section of BENCHMARKS.md; also parses
end-to-end logs.

    report.py e2e NAME TRAIN_LOG TIME_V_OUTPUT COMMAND [INT8]  -> one JSON line (INT8: "model fp32 int8"
                                                              test accuracies per line)
    report.py markdown RESULTS.jsonl RUN_COMMAND FILE      -> this CPU's section written into FILE (the
                                                              others, and every other section, kept)
    report.py machine                                      -> the machine line (CPU model and ISA flags)
"""
import json
import os
import platform
import re
import statistics
import subprocess
import sys
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sections  # noqa: E402

# the instruction sets the engines pick their kernels by: name in BENCHMARKS.md, flag in /proc/cpuinfo
ISA = [("AVX2", "avx2"), ("AVX-512", "avx512f"), ("AVX512-BF16", "avx512_bf16"), ("AVX512-VNNI", "avx512_vnni"),
       ("AMX", "amx_tile")]

PEAK_GFLOPS = 530.0  # both cores, AVX-512 FMA loop (shared/notes/engines.md), measured on this machine kind


def e2e(name, log, timefile, command, int8file=None):
    text = open(log).read()
    # lines "MODEL FP32_TEST_ACC INT8_TEST_ACC" (triax evaluate on the model's own test set, bench/run.sh)
    int8 = {}
    for line in open(int8file) if int8file else []:
        parts = line.split()
        if len(parts) == 3:
            int8[parts[0]] = float(parts[2])
    designs = []
    for m in re.finditer(r"^(separate|fused)\s+([\d.]+)%\s+([\d.]+)%\s+([\d.]+)\s+(\d+)/(\d+)\s+([\d.]+)\s+(\S+)$",
                         text, re.M):
        designs.append({"design": m[1], "val_acc": float(m[2]), "test_acc": float(m[3]), "test_macro_f1": float(m[4]),
                        "best_epoch": int(m[5]), "epochs": int(m[6]), "train_s": float(m[7]), "model": m[8],
                        "int8_test_acc": int8.get(m[8])})
    split = re.search(r"^split: (.*)$", text, re.M)
    tv = open(timefile).read()
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", tv)
    wall_s = (int(wall[1] or 0) * 3600 + int(wall[2]) * 60 + float(wall[3])) if wall else None
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", tv)
    print(json.dumps({"bench": "e2e", "dataset": name, "command": command, "wall_s": wall_s,
                      "peak_rss_mb": int(rss[1]) / 1024 if rss else None, "split": split[1] if split else "",
                      "designs": designs}))


def cpuinfo():
    """model name, family, model and flags of the first CPU in /proc/cpuinfo."""
    info = {}
    try:
        for line in open("/proc/cpuinfo"):
            if ":" in line:
                k, v = (x.strip() for x in line.split(":", 1))
                info.setdefault(k, v)
            elif info:
                break
    except OSError:
        pass
    return info


def isa(flags):
    """e.g. 'AVX2, AVX-512, AVX512-BF16, AVX512-VNNI; no AMX'."""
    have = [name for name, flag in ISA if flag in flags]
    lacking = [name for name, flag in ISA if flag not in flags]
    return ", ".join(have or ["none of them"]) + ("; no " + ", ".join(lacking) if lacking else "")


def cpu():
    """The CPU as BENCHMARKS.md names its section: model, family/model numbers, ISA flags."""
    info = cpuinfo()
    family = "family %s model %s; " % (info["cpu family"], info["model"]) if "cpu family" in info else ""
    return "%s (%s%s)" % (info.get("model name", platform.processor() or "unknown CPU"), family,
                          isa(set(info.get("flags", "").split())))


def cpu_section_name():
    """The section's marker name: the CPU's name and flags in lower-case words."""
    return "cpu-" + "-".join(re.findall(r"[a-z0-9]+", cpu().split("; no ")[0].lower()))


def machine():
    cores = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    mem = ""
    for line in open("/proc/meminfo"):
        if line.startswith("MemTotal"):
            mem = "%.0f GiB" % (int(line.split()[1]) / 1024 / 1024)
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    return "%s, %s cores, %s RAM, %s, %s" % (cpu(), cores, mem, platform.platform(), java)


def med(rows, key):
    vals = [r[key] for r in rows if r.get(key) is not None]
    return statistics.median(vals) if vals else float("nan")


def markdown(results, command):
    rows = [json.loads(l) for l in open(results) if l.strip()]
    by = defaultdict(list)
    for r in rows:
        side = "triax" if r.get("engine", "").startswith("triax") else "peer"
        by[(r["bench"], side, r.get("design", r.get("threads")))].append(r)
    peer_name = {r["bench"]: r["engine"] for r in rows if "engine" in r and not r["engine"].startswith("triax")}
    out = ["## CPU: " + cpu(), "",
           "Measured by `%s` in one run: every triax figure sits beside its peer's, measured in the same run on "
           "the same machine (repeats interleaved), medians of repeats." % command, "",
           "Machine: " + machine(), "",
           "### 1. Training throughput (samples/s, steady state after a warm-up epoch)", "",
           "triax and the peer run side by side in turns, one epoch each (`bench/lockstep.py`): each triax epoch "
           "is paired with the peer epoch measured next to it, and the ratio is the median of the per-pair ratios "
           "(range in brackets), so the shared machine's slow drifts cancel. Samples/s are medians over the paired "
           "epochs; peak RSS is each process's high-water mark.", "",
           "Input 3 x 65 x 57 (the default window 1024 / STFT 128 with 112 overlap), batch 32, Adam, "
           "4 classes, both sides on all cores. Peer: the identical network in %s (separate design written as "
           "C one-channel branches, as triax runs it; one grouped convolution per block trains at the same "
           "speed there; each block written conv, batch norm, ReLU, max-pool as usual; triax computes the identical "
           "function with the max-pool before the ReLU)." % peer_name.get("train", "PyTorch"),
           "", "| design | triax samples/s | peer samples/s | ratio triax/peer (paired) | training MFLOP/sample | "
               "triax GFLOP/s | share of peak (%.0f GFLOP/s) | triax peak RSS MB | peer peak RSS MB |" % PEAK_GFLOPS,
           "|---|---|---|---|---|---|---|---|---|"]
    pairs = {r["design"]: r for r in rows if r["bench"] == "train-pair"}
    for d in ("fused", "separate"):
        t, p, pair = by[("train", "triax", d)], by[("train", "peer", d)], pairs.get(d)
        if not t or not p or not pair:
            continue
        ts, ps = statistics.median(pair["triax_samples_per_s"]), statistics.median(pair["peer_samples_per_s"])
        mf = med(t, "train_mflop_per_sample")
        out.append("| %s | %.0f | %.0f | **%.2fx** (%.2f-%.2f, %d pairs) | %.0f | %.1f | %.1f %% | %.0f | %.0f |" % (
            d, ts, ps, pair["ratio_median"], pair["ratio_min"], pair["ratio_max"], pair["epochs_paired"], mf,
            ts * mf / 1e3, 100 * ts * mf / 1e3 / PEAK_GFLOPS, med(t, "peak_rss_mb"), med(p, "peak_rss_mb")))
    out += ["", "### 2. Spectrogram preparation", "",
            "3 channels x 10^6 samples (float64), segment 256, overlap 128, Hann, PSD density in dB. "
            "Peer: `scipy.signal.spectrogram` + `10*log10` (%s, single-threaded by design; one vectorised call "
            "for the three channels)." % peer_name.get("stft", "scipy"), "",
            "| triax threads | triax ms | frames/s | MB/s | scipy ms | ratio triax/scipy |", "|---|---|---|---|---|---|"]
    p = by[("stft", "peer", 1)]
    for key in sorted(k for k in by if k[0] == "stft" and k[1] == "triax"):
        t = by[key]
        out.append("| %s | %.1f | %.0f | %.0f | %.1f | **%.2fx** |" % (
            key[2], 1e3 * med(t, "seconds"), med(t, "frames_per_s"), med(t, "mb_per_s"), 1e3 * med(p, "seconds"),
            med(p, "seconds") / med(t, "seconds")))
    out += ["", "### 3. Prediction (raw samples to probabilities: spectrograms, normalisation, network)", "",
            "One window (3 x 1024 samples) latency, and throughput on a 3 x 10^6-sample recording (1952 windows). "
            "Peer: scipy spectrograms + the same network in %s (`torch.no_grad`, eval mode, batches of 64, float32). "
            "Engines: `triax-onnx` ONNX Runtime float32 (the default), `triax-onnx-int8` the model's "
            "`triax export --precision int8` (QDQ, batch norm folded, calibrated on 512 training windows; the first "
            "block stays float32), `triax-onnx-int8-qoperator` the same arithmetic written as QLinearConv nodes, "
            "`triax-djl` DJL's PyTorch. The throughput ratio is against the float32 peer; the last column against "
            "triax's float32 row (the ONNX Runtime engines take turns repeat by repeat in one process, so this one "
            "holds on a busy machine)."
            % peer_name.get("predict", "PyTorch"), "",
            "| design | engine | p50 ms | p99 ms | windows/s | peer p50 ms | peer p99 ms | peer windows/s | "
            "throughput ratio | vs triax-onnx |", "|---|---|---|---|---|---|---|---|---|---|"]
    for d in ("fused", "separate"):
        p = by[("predict", "peer", d)]
        fp32 = [r for r in by[("predict", "triax", d)] if r["engine"] == "triax-onnx"]
        for t in [[r] for r in by[("predict", "triax", d)]]:
            out.append("| %s | %s | %.2f | %.2f | %.0f | %.2f | %.2f | %.0f | **%.2fx** | %.2fx |" % (
                d, t[0]["engine"], med(t, "latency_p50_ms"), med(t, "latency_p99_ms"), med(t, "windows_per_s"),
                med(p, "latency_p50_ms"), med(p, "latency_p99_ms"), med(p, "windows_per_s"),
                med(t, "windows_per_s") / med(p, "windows_per_s"), med(t, "windows_per_s") / med(fp32, "windows_per_s")))
    out += ["", "### 4. End to end: `triax train --mode both`", "",
            "int8 test acc: the same test set scored by the model's `triax export --precision int8` "
            "(`triax evaluate --precision int8`).", ""]
    for r in rows:
        if r["bench"] != "e2e":
            continue
        out += ["**%s** — `%s`  " % (r["dataset"], r["command"]),
                "wall %.0f s, peak RSS %.0f MB; %s" % (r["wall_s"] or -1, r["peak_rss_mb"] or -1, r["split"]), "",
                "| design | validation acc | test acc | int8 test acc | test macro F1 | best epoch | training s |",
                "|---|---|---|---|---|---|---|"]
        for d in r["designs"]:
            q = d.get("int8_test_acc")
            out.append("| %s | %.2f %% | %.2f %% | %s | %.3f | %d/%d | %.0f |" % (
                d["design"], d["val_acc"], d["test_acc"], "-" if q is None else "%.2f %%" % q, d["test_macro_f1"],
                d["best_epoch"], d["epochs"], d["train_s"]))
        out.append("")
    out += ["Published figures for comparison: CNNs on STFT inputs of CWRU report 98-100 % accuracy, with *random "
            "window* splits, where overlapping windows of the one recording per class fall on both sides and leak. "
            "triax splits CWRU by disjoint time blocks of each recording (first 70 % train, next 15 % validation, "
            "last 15 % test), a harder protocol with no leak. The Kafeel motor dataset is split by recording "
            "(no file on two sides)."]
    return out


def write_cpu_section(lines, path):
    """This CPU's section into path: replaced where it is, else after the last CPU section, else before the
    first other section."""
    name = cpu_section_name()

    def place(text):
        ends = [m.end() for m in re.finditer(r"<!-- cpu-[a-z0-9-]+:end -->\n?", text)]
        if ends:
            return ends[-1]
        first = re.search(r"^(<!-- |## )", text, re.M)
        return first.start() if first else len(text)

    sections.replace(name, ["<!-- %s:begin -->" % name] + lines + ["<!-- %s:end -->" % name], path, place)


if __name__ == "__main__":
    if sys.argv[1] == "e2e":
        e2e(*sys.argv[2:7])
    elif sys.argv[1] == "markdown":
        write_cpu_section(markdown(sys.argv[2], sys.argv[3]), sys.argv[4])
    elif sys.argv[1] == "machine":
        print(machine())
