#!/usr/bin/env python3
"""The peers triax is measured against, written as a user would pick them: PyTorch (Debian's
python3-torch) for the same network, scipy.signal.spectrogram for the spectrograms. Same shapes,
same batch, same thread count as the Java side. Prints one JSON object per line.

    peer.py train DESIGN STEPS [EPOCHS [lockstep]]
    peer.py stft THREADS REPEATS
    peer.py predict DESIGN REPEATS
"""
import json
import resource
import statistics
import sys
import time

import numpy as np

C, BINS, FRAMES, CLASSES, BATCH = 3, 65, 57, 4, 32  # triax defaults: window 1024, STFT 128/112
WIDTHS, DENSE, DROPOUT = (16, 32, 64), 64, 0.3


def threads():
    import os
    return len(os.sched_getaffinity(0))


def trunk(cin, groups=1):
    import torch.nn as nn
    layers = []
    for w in WIDTHS:
        cout = w * groups
        layers += [nn.Conv2d(cin, cout, 3, padding=1, groups=groups), nn.BatchNorm2d(cout, eps=1e-5),
                   nn.ReLU(), nn.MaxPool2d(2)]
        cin = cout
    return layers + [nn.AdaptiveAvgPool2d(1), nn.Flatten()], cin


def network(design):
    """fused: one trunk on C channels; separate: C one-channel branches, concatenated (as a user
    writes it; 'separate-grouped' is the same maths as one grouped convolution per block)."""
    import torch
    import torch.nn as nn
    head = lambda features: [nn.Linear(features, DENSE), nn.ReLU(), nn.Dropout(DROPOUT), nn.Linear(DENSE, CLASSES)]
    if design == "separate":
        class Separate(nn.Module):
            def __init__(self):
                super().__init__()
                self.branches = nn.ModuleList(nn.Sequential(*trunk(1)[0]) for _ in range(C))
                self.head = nn.Sequential(*head(WIDTHS[-1] * C))

            def forward(self, x):
                return self.head(torch.cat([b(x[:, g:g + 1]) for g, b in enumerate(self.branches)], 1))
        return Separate()
    layers, features = trunk(C, C if design == "separate-grouped" else 1)
    return nn.Sequential(*layers, *head(features))


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def await_turn():
    """lockstep mode: wait for bench/lockstep.py to give this process its turn."""
    sys.stdout.flush()
    if not sys.stdin.readline():
        sys.exit("lockstep driver went away")


def train(design, steps, epochs=4, lockstep=False):
    import torch
    torch.set_num_threads(threads())
    torch.manual_seed(1)
    net = network(design)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    n = steps * BATCH
    x = torch.randn(n, C, BINS, FRAMES)
    y = torch.randint(0, CLASSES, (n,))
    xv, yv = torch.randn(BATCH, C, BINS, FRAMES), torch.randint(0, CLASSES, (BATCH,))
    per_epoch = []
    if lockstep:
        await_turn()
    for _ in range(epochs):
        t0 = time.perf_counter()
        net.train()
        order = torch.randperm(n)
        for b in range(steps):
            idx = order[b * BATCH:(b + 1) * BATCH]
            opt.zero_grad()
            loss = loss_fn(net(x[idx]), y[idx])
            loss.backward()
            opt.step()
        net.eval()
        with torch.no_grad():
            loss_fn(net(xv), yv).item()
        per_epoch.append(time.perf_counter() - t0)
        if lockstep:
            print(json.dumps({"epoch_s": per_epoch[-1]}))
            await_turn()
    sps = steps * BATCH / statistics.median(per_epoch[1:])
    print(json.dumps({"bench": "train", "engine": "pytorch-python " + torch.__version__, "design": design,
                      "batch": BATCH, "threads": torch.get_num_threads(), "samples_per_s": sps,
                      "peak_rss_mb": peak_rss_mb()}))


def spectrogram_db(x, fs, nperseg, noverlap):
    from scipy.signal import spectrogram
    _, _, sxx = spectrogram(x, fs=fs, window="hann", nperseg=nperseg, noverlap=noverlap, detrend="constant",
                            scaling="density", mode="psd")
    return np.maximum(10 * np.log10(np.maximum(sxx, 1e-300)), -300)


def stft(threads_wanted, repeats):
    rng = np.random.default_rng(1)
    x = rng.standard_normal((3, 1_000_000))
    for _ in range(3):
        spectrogram_db(x, 48000, 256, 128)
    t = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        db = spectrogram_db(x, 48000, 256, 128)  # all three channels in one vectorised call
        t.append(time.perf_counter() - t0)
    sec = statistics.median(t)
    frames = db.shape[0] * db.shape[2]
    import scipy
    print(json.dumps({"bench": "stft", "engine": "scipy " + scipy.__version__, "threads": threads_wanted,
                      "seconds": sec, "frames_per_s": frames / sec, "mb_per_s": x.nbytes / 1e6 / sec}))


def windows_of(x, window=1024, hop=512):
    n = (x.shape[1] - window) // hop + 1
    idx = np.arange(window)[None, :] + hop * np.arange(n)[:, None]
    return x[:, idx].transpose(1, 0, 2)  # (windows, channels, samples)


def predict(design, repeats):
    import torch
    torch.set_num_threads(threads())
    torch.manual_seed(1)
    net = network(design).eval()
    fs = 5120
    mean, std = -60.0, 10.0

    def score(rec):
        w = windows_of(rec)
        db = spectrogram_db(w, fs, 128, 112)  # (windows, channels, bins, frames)
        x = torch.from_numpy(((db - mean) / std).astype(np.float32))
        out = []
        with torch.no_grad():
            for b in range(0, len(x), 64):
                out.append(torch.softmax(net(x[b:b + 64]), dim=1))
        return torch.cat(out).shape[0]

    rng = np.random.default_rng(2)
    one = rng.standard_normal((3, 1024))
    long_rec = rng.standard_normal((3, 1_000_000))
    lat = []
    for k in range(-20, repeats):
        t0 = time.perf_counter()
        score(one)
        if k >= 0:
            lat.append((time.perf_counter() - t0) * 1e3)
    thr = []
    windows = 0
    for k in range(-1, 3):
        t0 = time.perf_counter()
        windows = score(long_rec)
        if k >= 0:
            thr.append(windows / (time.perf_counter() - t0))
    lat.sort()
    p99 = lat[min(len(lat) - 1, int(np.ceil(0.99 * len(lat))) - 1)]
    print(json.dumps({"bench": "predict", "engine": "pytorch-python " + torch.__version__, "design": design,
                      "latency_p50_ms": statistics.median(lat), "latency_p99_ms": p99, "long_windows": windows,
                      "windows_per_s": statistics.median(thr)}))


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "train":
        train(args[0], int(args[1]), int(args[2]) if len(args) > 2 else 4, len(args) > 3 and args[3] == "lockstep")
    elif cmd == "stft":
        stft(int(args[0]), int(args[1]))
    elif cmd == "predict":
        predict(args[0], int(args[1]))
    else:
        sys.exit("unknown benchmark " + cmd)
