#!/usr/bin/env python3
"""Runs two training benchmarks (triax and its peer) in turns, epoch by epoch: both processes are
started and set up, then each epoch of one runs while the other waits, the order alternating per
epoch. Each triax epoch is thus compared with a peer epoch measured seconds apart, so the slow
drifts of a shared machine (measured: the same epoch taking 1.7 to 8.9 s) cancel in the ratio.
Prints the two processes' final JSON lines, then one JSON line with the paired ratios.

    lockstep.py STEPS BATCH -- TRIAX_COMMAND... -- PEER_COMMAND...
Each command must accept the 'lockstep' protocol (see TrainBench / peer.py train).
"""
import json
import statistics
import subprocess
import sys


class Side:
    def __init__(self, name, argv):
        self.name = name
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
        self.seconds = []

    def turn(self):
        """Lets the process run until it prints its next JSON line; returns that line."""
        self.proc.stdin.write("go\n")
        self.proc.stdin.flush()
        for line in self.proc.stdout:
            if line.startswith("{"):
                return json.loads(line)
        raise SystemExit("%s exited early (status %s)" % (self.name, self.proc.wait()))


def main():
    steps, batch = int(sys.argv[1]), int(sys.argv[2])
    rest = sys.argv[3:]
    cut = [i for i, a in enumerate(rest) if a == "--"]
    triax = Side("triax", rest[cut[0] + 1:cut[1]])
    peer = Side("peer", rest[cut[1] + 1:])
    epoch = 0
    while True:
        order = (triax, peer) if epoch % 2 == 0 else (peer, triax)
        lines = [side.turn() for side in order]
        if "epoch_s" not in lines[0]:  # both finished: these are their result lines
            break
        for side, line in zip(order, lines):
            side.seconds.append(line["epoch_s"])
        epoch += 1
    for line in lines:
        print(json.dumps(line))
    # the first epoch is warm-up; every later epoch of triax is paired with the peer's of the same round
    pairs = list(zip(triax.seconds[1:], peer.seconds[1:]))
    ratios = [p / t for t, p in pairs]
    result = next(l for l in lines if l.get("engine", "").startswith("triax"))
    print(json.dumps({"bench": "train-pair", "design": result["design"], "epochs_paired": len(pairs),
                      "triax_samples_per_s": [steps * batch / t for t, _ in pairs],
                      "peer_samples_per_s": [steps * batch / p for _, p in pairs],
                      "ratio_median": statistics.median(ratios), "ratio_min": min(ratios),
                      "ratio_max": max(ratios)}))
    for side in (triax, peer):
        side.proc.wait()


if __name__ == "__main__":
    main()
