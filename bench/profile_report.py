"""Groups a training run's JFR samples of the main thread by what they are in (bench/profile.sh)."""
import collections
import json
import sys

# the DJL PyTorch JNI calls of a training step, by what they do
KINDS = {
    "torchBackward": "backward (every layer's gradients, one libtorch call)",
    "torchNNConvNd": "forward: convolutions",
    "torchNNBatchNorm": "forward: batch norm",
    "torchNNMaxPool": "forward: max-pool",
    "torchNNRelu": "forward: ReLU",
    "torchNNLinear": "forward: dense layers",
    "torchNNAdaptiveAvgPool": "forward: global average pool",
    "adamUpdate": "optimizer (Adam, per parameter)",
}


def main(path, design):
    events = json.load(open(path))["recording"]["events"]
    counts = collections.Counter()
    for e in events:
        v = e["values"]
        if (v["sampledThread"]["javaName"] or "") != "main" or not v["stackTrace"]:
            continue
        frames = [f["method"]["type"]["name"].split("/")[-1] + "." + f["method"]["name"] for f in v["stackTrace"]["frames"]]
        joined = " ".join(frames)
        if "ModelTrainer" not in joined or "NativeLibraries" in joined or "ClassLoader" in joined:
            continue  # start-up: dataset generation, loading libtorch
        if e["type"].endswith("NativeMethodSample"):
            call = frames[0].split(".")[-1]
            kind = KINDS.get(call, "other libtorch calls" if frames[0].startswith("PyTorchLibrary") else "other native (" + frames[0] + ")")
        else:
            kind = "Java (triax and DJL code, array bookkeeping)"
        counts[kind] += 1
    total = sum(counts.values())
    print(f"\n{design}: {total} samples of the training loop's thread")
    print("| where | share |\n|---|---|")
    for kind, n in counts.most_common():
        print(f"| {kind} | {100 * n / total:.1f} % |")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
