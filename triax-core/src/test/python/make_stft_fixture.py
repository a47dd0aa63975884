#!/usr/bin/env python3
"""Reference values for triax's STFT and dB (StftScipyReferenceTest).

Run from the repository root:

    python3 src/test/python/make_stft_fixture.py

It writes src/test/resources/org/triax/signal/stft-scipy.json, which is committed: the Java test
needs no Python. Generated with Python 3.11, numpy 2.4.6 and scipy 1.17.1 (the versions are also
written into the file); any scipy with spectrogram(..., mode='psd') gives the same values to far
below the test's tolerance.

The contract checked (README "Processing", step 2; signal/Stft.java, StftConfig.java):
  psd = scipy.signal.spectrogram(x, fs, window=<scipy name>, nperseg=segment, noverlap=overlap,
                                 detrend='constant', scaling='density', mode='psd')
        with fs = 1 when the sampling rate is unknown (triax: NaN);
  db  = max(10 log10(max(psd, 1e-300)), db_floor), keeping only the bins k with
        fmin <= k fs / segment <= fmax (compared exactly here, as rationals);
  taper names: triax hann, hamming, blackman, rectangular = scipy hann, hamming, blackman, boxcar
  (scipy's default periodic form).

Layout in the JSON: "x" the input samples (rounded to 6 decimals, so the decimal text is the
exact input on both sides); "psd" [frame][bin] over all bins 0..segment/2 (Stft.powerDensity);
"db" [kept bin][frame] (Stft.spectrogramDb). The "windows" case is a 3-channel recording cut into
windows as SpectrogramExtractor does; each "tensors" row is one window's [channel][bin][frame].
"""
import json
import math
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np
import scipy
from scipy.signal import spectrogram

OUT = Path(__file__).resolve().parents[1] / "resources/org/triax/signal/stft-scipy.json"
SCIPY_NAME = {"hann": "hann", "hamming": "hamming", "blackman": "blackman", "rectangular": "boxcar"}
rng = np.random.default_rng(20240607)


def signal(n, fs, tones, noise, offset):
    t = np.arange(n) / (fs if fs else 1.0)
    x = offset + noise * rng.standard_normal(n)
    for amp, freq, phase in tones:
        x = x + amp * np.sin(2 * np.pi * freq * t + phase)
    return np.round(x, 6)


def kept_bins(segment, fs, fmin, fmax):
    """Bins k with fmin <= k fs / segment <= fmax, exactly (fs unknown: all bins)."""
    half = segment // 2
    if fs is None:
        return list(range(half + 1))
    f = [Fraction(fs) * k / segment for k in range(half + 1)]
    lo = Fraction(fmin)
    return [k for k in range(half + 1) if f[k] >= lo and (fmax is None or f[k] <= Fraction(fmax))]


def psd_of(x, fs, taper, segment, overlap):
    _, _, p = spectrogram(x, 1.0 if fs is None else fs, window=SCIPY_NAME[taper], nperseg=segment,
                          noverlap=overlap, detrend="constant", scaling="density", mode="psd")
    return p  # [bin][frame]


def db_of(p, floor):
    return np.maximum(10 * np.log10(np.maximum(p, 1e-300)), floor)


def check_determined(p, db, floor, label):
    """Every dB value above the floor must come from a PSD far above the frame's rounding noise."""
    top = p.max(axis=0, keepdims=True)
    loose = (db > floor) & (p < 1e-9 * top)
    if loose.any():
        sys.exit(f"{label}: {loose.sum()} unclipped values are rounding noise; raise the floor")


def g(v):
    return float(f"{v:.12g}")


def case(name, x, fs, taper, segment, overlap, floor, fmin=0.0, fmax=None):
    p = psd_of(x, fs, taper, segment, overlap)
    keep = kept_bins(segment, fs, fmin, fmax)
    assert keep == list(range(keep[0], keep[-1] + 1))
    db = db_of(p[keep], floor)
    check_determined(p[keep], db, floor, name)
    return {
        "name": name, "fs": fs, "taper": taper, "segment": segment, "overlap": overlap, "dbFloor": floor,
        "fmin": fmin, "fmax": fmax, "firstBin": keep[0], "bins": len(keep),
        "x": [float(v) for v in x],
        "psd": [[g(v) for v in frame] for frame in p.T],
        "db": [[g(v) for v in row] for row in db],
    }


def windows_case():
    fs, n, window, hop = 1000.0, 300, 96, 40
    segment, overlap, taper, floor, fmin, fmax = 32, 24, "hann", -100.0, 50.0, 400.0
    channels = ["X", "Y", "Z"]
    x = np.stack([signal(n, fs, [(1.0, 120 + 70 * c, c), (0.2, 333, 0.5)], 0.1, 0.5 * c - 0.3) for c in range(3)])
    keep = kept_bins(segment, fs, fmin, fmax)
    starts = list(range(0, n - window + 1, hop))
    tensors = []
    for s in starts:
        p = psd_of(x[:, s:s + window], fs, taper, segment, overlap)  # [channel][bin][frame]
        db = db_of(p[:, keep, :], floor)
        for c in range(3):
            check_determined(p[c][keep], db[c], floor, f"windows start {s} channel {c}")
        tensors.append([g(v) for v in db.ravel()])
    return {
        "name": "three channels cut into windows", "fs": fs, "channels": channels, "window": window, "hop": hop,
        "taper": taper, "segment": segment, "overlap": overlap, "dbFloor": floor, "fmin": fmin, "fmax": fmax,
        "firstBin": keep[0], "bins": len(keep), "frames": (window - segment) // (segment - overlap) + 1,
        "x": [[float(v) for v in ch] for ch in x], "starts": starts, "tensors": tensors,
    }


def main():
    cases = []
    # triax's defaults (segment 128, overlap 112, Hann, -120 dB) on noise + two tones + a DC offset
    cases.append(case("defaults, fs 1000 Hz, DC offset", signal(320, 1000.0, [(1.0, 125.0, 0.3), (0.05, 411.7, 1.0)],
                                                                   0.2, 1.5), 1000.0, "hann", 128, 112, -120.0))
    # unknown sampling rate (fs = 1), no overlap, 5 trailing samples that make no frame
    cases.append(case("unknown fs, Hamming, no overlap", signal(165, None, [(2.0, 0.19, 0.0)], 0.5, -3.0),
                      None, "hamming", 16, 0, -120.0))
    # Blackman at 48 kHz, a band that does not fall on bin edges
    cases.append(case("Blackman, 48 kHz, 3100..11900 Hz", signal(300, 48000.0, [(1.0, 6000.0, 0.1),
                                                                                 (0.01, 10300.0, 2.0)], 0.01, 0.25),
                      48000.0, "blackman", 64, 48, -120.0, 3100.0, 11900.0))
    # rectangular taper, a segment that is no power of two, a silent (constant) stretch that must
    # give the floor, and a floor high enough to clip a share of the values
    x = signal(120, 5120.0, [(1.0, 1024.0, 0.0)], 0.05, 0.0)
    x[70:] = 2.0
    p = psd_of(x, 5120.0, "rectangular", 10, 3)
    floor = float(np.floor(np.median(db_of(p, -3000.0))))
    cases.append(case("rectangular, segment 10, silence, high floor", x, 5120.0, "rectangular", 10, 3, floor))
    # Hann with the largest overlap (step 1), only a lower edge: bins from 200 Hz up
    cases.append(case("Hann, segment 30, step 1, from 200 Hz", signal(100, 2000.0, [(0.7, 433.0, 0.4)], 0.3, 0.1),
                      2000.0, "hann", 30, 29, -120.0, 200.0, None))
    # the smallest segment, both edges exactly on bins (125 and 250 Hz are bins 1 and 2: kept)
    cases.append(case("Hamming, segment 8, edges on bins 125..250 Hz", signal(64, 1000.0, [(1.0, 200.0, 0.0)],
                                                                               0.4, 0.7),
                      1000.0, "hamming", 8, 4, -120.0, 125.0, 250.0))
    fixture = {
        "generator": "src/test/python/make_stft_fixture.py",
        "python": sys.version.split()[0], "numpy": np.__version__, "scipy": scipy.__version__,
        "cases": cases, "windows": windows_case(),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(fixture, separators=(",", ":"))
    OUT.write_text(text + "\n")
    print(f"wrote {OUT} ({len(text) / 1024:.0f} KiB, {len(cases)} cases + windows)")


if __name__ == "__main__":
    main()
