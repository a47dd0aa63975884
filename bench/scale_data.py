"""Inputs of bench/scale.sh, generated (nothing downloaded): tri-axial vibration at 5120 Hz, the rate
of the demo model the bench scores with.

  scale_data.py batch DIR GB SEED   one-minute float32 WAV recordings until GB (2^30 bytes) of raw samples
  scale_data.py csv FILE ROWS       one long "time,X,Y,Z" CSV recording of ROWS rows
"""
import struct
import sys

import numpy as np

FS = 5120
CHANNELS = 3


def signal(rng, n, start=0):
    """Shaft harmonics, a resonance burst train and noise per channel: [n, 3] float32."""
    t = (start + np.arange(n)) / FS
    out = np.empty((n, CHANNELS), np.float32)
    shaft = rng.uniform(20, 30)
    for c in range(CHANNELS):
        x = 0.5 * np.sin(2 * np.pi * shaft * t + c) + 0.2 * np.sin(2 * np.pi * 2 * shaft * t + 2 * c)
        x += 0.3 * np.sin(2 * np.pi * 1200 * t) * (np.sin(2 * np.pi * 7.3 * t) > 0.95)
        out[:, c] = x + 0.1 * rng.standard_normal(n)
    return out


def wav_float32(path, samples):
    """A WAVE_FORMAT_IEEE_FLOAT file (format tag 3), 32-bit, interleaved."""
    data = samples.astype("<f4").tobytes()
    header = b"RIFF" + struct.pack("<I", 36 + len(data)) + b"WAVE"
    header += b"fmt " + struct.pack("<IHHIIHH", 16, 3, CHANNELS, FS, FS * CHANNELS * 4, CHANNELS * 4, 32)
    header += b"data" + struct.pack("<I", len(data))
    with open(path, "wb") as f:
        f.write(header)
        f.write(data)


def batch(folder, gb, seed):
    import os
    os.makedirs(folder, exist_ok=True)
    rng = np.random.default_rng(seed)
    per_file = 60 * FS
    files = int(np.ceil(gb * 2**30 / (per_file * CHANNELS * 4)))
    for i in range(files):
        wav_float32(f"{folder}/rec{i:05d}.wav", signal(rng, per_file))
    print(files)


def csv(path, rows):
    rng = np.random.default_rng(1)
    chunk = 1 << 20
    with open(path, "w") as f:
        f.write("time,X,Y,Z\n")
        for start in range(0, rows, chunk):
            n = min(chunk, rows - start)
            x = signal(rng, n, start)
            t = (start + np.arange(n)) / FS
            np.savetxt(f, np.column_stack([t, x]), fmt=["%.6f", "%.5f", "%.5f", "%.5f"], delimiter=",")


if __name__ == "__main__":
    if sys.argv[1] == "batch":
        batch(sys.argv[2], float(sys.argv[3]), int(sys.argv[4]))
    else:
        csv(sys.argv[2], int(sys.argv[3]))
