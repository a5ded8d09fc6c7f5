#!/usr/bin/env python3
# Derives tests/data/handwriting/*.json (the STROKES.json format of `gongkai-kiosk --recognize`)
# from the stroke medians of the npm package hanzi-writer-data (Make Me a Hanzi, Arphic Public
# License; see PROVENANCE). Run by hand, not by the build:
#   cd "$(mktemp -d)" && npm pack hanzi-writer-data@2.0.1 && tar -xzf hanzi-writer-data-2.0.1.tgz
#   python3 /path/to/tests/data/handwriting/derive.py package /path/to/tests/data/handwriting
# For each character it writes u<hex>.json (the medians as they are: a 1024 box, y flipped to
# grow downwards with 900 - y) and u<hex>-sloppy.json (the same strokes as a finger might draw
# them on a 400 x 400 pad: smaller, off-centre, slightly squashed, every point jittered).
import json
import random
import sys

# Common in the catalogue's item titles (低保, 户口, 居住证, 医疗保险, 养老金, 就业, 登记, 申请,
# 补贴, 残疾, 卫生, 救助, 城市 …), plus the 45 of PITFALLS.md's first measurement.
CHARACTERS = "低保户口居住证身份社会医疗养老金就业失登记申请补贴残疾卫生救助城市办理明房屋税婚育退役"

# The sloppy variant. The seed is fixed so the committed files are reproducible.
SEED = 20261126
PAD = 400            # a handwriting pad of 400 x 400 px: about 6 cm at the kiosk's 160 dpi
SCALE = (0.45, 0.8)  # the character fills 45-80 % of the pad, as residents draw it
SQUASH = (0.85, 1.15)  # one axis up to 15 % narrower or wider than the other
JITTER = 6           # each point moves up to 6 px (1.5 % of the pad): a finger's wobble


def flip(medians):
    return [[[x, 900 - y] for x, y in stroke] for stroke in medians]


def sloppy(strokes, rng):
    scale = rng.uniform(*SCALE) * PAD / 1024
    sx, sy = scale * rng.uniform(*SQUASH), scale * rng.uniform(*SQUASH)
    ox = rng.uniform(0, PAD - 1024 * sx)
    oy = rng.uniform(0, PAD - 1024 * sy)
    out = []
    for stroke in strokes:
        out.append([[round(min(PAD, max(0, ox + x * sx + rng.uniform(-JITTER, JITTER))), 1),
                     round(min(PAD, max(0, oy + y * sy + rng.uniform(-JITTER, JITTER))), 1)] for x, y in stroke])
    return out


def main(package_dir, out_dir):
    rng = random.Random(SEED)
    for ch in CHARACTERS:
        with open(f"{package_dir}/{ch}.json", encoding="utf-8") as f:
            strokes = flip(json.load(f)["medians"])
        name = f"{out_dir}/u{ord(ch):04x}"
        with open(name + ".json", "w") as f:
            json.dump({"width": 1024, "height": 1024, "strokes": strokes}, f, separators=(",", ":"))
            f.write("\n")
        with open(name + "-sloppy.json", "w") as f:
            json.dump({"width": PAD, "height": PAD, "strokes": sloppy(strokes, rng)}, f, separators=(",", ":"))
            f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
