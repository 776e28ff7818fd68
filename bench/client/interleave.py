#!/usr/bin/env python3
"""Round-robin timing of whole processes, for a shared machine whose load drifts.

hyperfine runs all of one command's runs before the next command's, so a load that changes
during the run favours one side. Here every round runs each command once, in turn, after its
prepare command, and the ratios come from the same rounds.

usage: interleave.py RUNS NAME PREPARE COMMAND [NAME PREPARE COMMAND ...]
The first command is the reference. Prints mean, median and min wall time and mean CPU time (user +
system of the process and its children) per command, and reference / command for each. One
warm-up round is not counted.
"""
import os
import statistics
import subprocess
import sys
import time

runs = int(sys.argv[1])
specs = [sys.argv[i : i + 3] for i in range(2, len(sys.argv), 3)]
results = {name: [] for name, _, _ in specs}
for round_ in range(runs + 1):
    for name, prepare, command in specs:
        subprocess.run(prepare, shell=True, check=True)
        start = time.monotonic()
        process = subprocess.Popen(command, shell=True, stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.monotonic() - start
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"{name} failed: {command}")
        if round_ > 0:
            results[name].append((wall * 1000, (usage.ru_utime + usage.ru_stime) * 1000))

reference = None
for name, _, _ in specs:
    walls = [w for w, _ in results[name]]
    stats = (
        statistics.mean(walls),
        statistics.median(walls),
        min(walls),
        statistics.mean(c for _, c in results[name]),
    )
    reference = reference or stats
    ratios = ", ".join(f"{r / s:.2f}x" for r, s in zip(reference, stats))
    print(
        f"{name:30s} mean {stats[0]:5.0f} ms  median {stats[1]:5.0f}  min {stats[2]:5.0f}"
        f"  CPU {stats[3]:4.0f}  | reference / this (mean, median, min, CPU): {ratios}"
    )
