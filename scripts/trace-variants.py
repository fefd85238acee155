#!/usr/bin/env python3
"""Writes traffic traces of the shipped kinds with other seeds and shapes, to check that a policy
change is not tuned to examples/traces/. Not shipped as examples: they are test inputs.

Usage: scripts/trace-variants.py OUT_DIR      (then scripts/compare-variants.sh OUT_DIR [JAR])

Shapes (seconds,rps CSVs, one row a minute unless said):
  bursty-s*    as examples/traces/bursty-hour.csv (TraceGenerator) with other seeds and 4-8 one-minute bursts
  mixed-bursts one hour at 0-2 rps with 3-9 bursts of 100-250 rps at random times, 30-90 s wide
  bursty-base  one hour at 15-25 rps with 6 bursts of +150-200 rps
  bursty-day   the seed day with a 60 s burst of +80-150 rps every 5-25 minutes from 10:00 to 16:00
  ramp         a day at 20 rps that ramps to 180 rps over 2 h at 08:00, holds 3 h, ramps down over 2 h
  diurnal-*    the seed day scaled to 70-100%, with 0%, 8% or 15% per-minute jitter
  noisy-s*     as examples/traces/noisy-day.csv (the seed day at 60-90% with 8-18% per-minute jitter) with other seeds
  double-peak  a day with peaks at 10:00 and 19:00 and 8% per-minute jitter
"""
import math
import os
import random
import sys

SEED_DAY = [30, 22, 18, 15, 15, 20, 35, 60, 100, 140, 165, 180, 175, 185, 190, 185, 170, 150, 125, 105, 85, 70, 55, 40]


def seed_day_at(t):
    """The seed day interpolated linearly between hourly points, as TraceGenerator does."""
    h = (t / 3600.0) % 24
    i = int(h)
    f = h - i
    return SEED_DAY[i] * (1 - f) + SEED_DAY[(i + 1) % 24] * f


def write(out, name, rows):
    with open(os.path.join(out, name + ".csv"), "w") as f:
        f.write("seconds,rps\n")
        for t, r in rows:
            f.write("%d,%.2f\n" % (t, max(0.0, r)))


def bursty_hour(seed, bursts):
    """As TraceGenerator's bursty-hour: minutes at 0-2 rps, `bursts` random minutes at 180-220 rps."""
    rnd = random.Random(seed)
    burst = set(rnd.sample(range(60), bursts))
    rows = [(m * 60, 180 + rnd.random() * 40 if m in burst else rnd.random() * 2) for m in range(60)]
    rows.append((3600, 0))
    return rows


def mixed_bursts(seed):
    """One hour at 0-2 rps with 3-9 bursts of 100-250 rps, each 30-90 s wide, that may run into each other."""
    rnd = random.Random(seed)
    bursts = [(start, 30 + 15 * rnd.randint(0, 4), 100 + rnd.random() * 150)
              for start in sorted(rnd.sample(range(0, 3600 - 90, 30), rnd.randint(3, 9)))]
    rows = []
    for t in range(0, 3600, 15):
        r = rnd.random() * 2
        for start, width, height in bursts:
            if start <= t < start + width:
                r = height
        rows.append((t, r))
    return rows


def bursty_base(seed):
    rnd = random.Random(seed)
    starts = sorted(rnd.sample(range(0, 3540, 60), 6))
    rows = []
    for t in range(0, 3600, 60):
        r = 15 + rnd.random() * 10
        if t in starts:
            r += 150 + rnd.random() * 50
        rows.append((t, r))
    return rows


def bursty_day(seed):
    rnd = random.Random(seed)
    rows = []
    next_burst = 10 * 3600
    for t in range(0, 86400, 60):
        r = seed_day_at(t)
        if 10 * 3600 <= t < 16 * 3600 and t >= next_burst:
            r += 80 + rnd.random() * 70
            next_burst = t + 60 * rnd.randint(5, 25)
        rows.append((t, r))
    return rows


def ramp():
    rows = []
    for t in range(0, 86400, 60):
        h = t / 3600.0
        if h < 8:
            r = 20
        elif h < 10:
            r = 20 + 160 * (h - 8) / 2
        elif h < 13:
            r = 180
        elif h < 15:
            r = 180 - 160 * (h - 13) / 2
        else:
            r = 20
        rows.append((t, r))
    return rows


def diurnal(seed, scale, jitter):
    rnd = random.Random(seed)
    return [(t, scale * seed_day_at(t) * max(0.0, 1 + jitter * rnd.gauss(0, 1))) for t in range(0, 86400, 60)]


def double_peak(seed):
    rnd = random.Random(seed)
    rows = []
    for t in range(0, 86400, 60):
        h = t / 3600.0
        r = 20 + 110 * math.exp(-((h - 10) / 2) ** 2) + 140 * math.exp(-((h - 19) / 2.2) ** 2)
        rows.append((t, r * max(0.0, 1 + 0.08 * rnd.gauss(0, 1))))
    return rows


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: trace-variants.py OUT_DIR")
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for seed, bursts in [(31, 6), (32, 4), (33, 8), (34, 5), (35, 7), (36, 6)]:
        write(out, "bursty-s%d-n%d" % (seed, bursts), bursty_hour(seed, bursts))
    for seed in range(1, 5):
        write(out, "mixed-bursts-s%d" % seed, mixed_bursts(100 + seed))
    write(out, "bursty-base", bursty_base(201))
    write(out, "bursty-day", bursty_day(301))
    write(out, "ramp", ramp())
    for seed, scale, jitter in [(401, 1.0, 0.0), (402, 0.8, 0.08), (403, 0.7, 0.15), (404, 0.9, 0.15)]:
        write(out, "diurnal-%d-j%d" % (int(scale * 100), int(jitter * 100)), diurnal(seed, scale, jitter))
    for seed, scale, jitter in [(21, 0.8, 0.12), (22, 0.7, 0.18), (23, 0.9, 0.08), (24, 0.8, 0.12), (25, 0.8, 0.10),
                                (26, 0.75, 0.15), (27, 0.85, 0.12), (28, 0.6, 0.12)]:
        write(out, "noisy-s%d-%d-j%d" % (seed, int(scale * 100), int(jitter * 100)), diurnal(seed, scale, jitter))
    write(out, "double-peak-j8", double_peak(51))


if __name__ == "__main__":
    main()
