#!/usr/bin/env bash
# Measures Tuiwei, jieba and rjieba on the same text in the same run (HMM on for all,
# segmentation time only) and prints each one's chars/s and Tuiwei's ratio to each; then times
# `tuiwei segment TEXT > OUT` as a whole process against rjieba's segmentation time.
#
#   Benchmarks/compare-jieba.sh [SegmentationBenchmark options, e.g. --min-mb 10 --repeat 3]
#
# Every figure is the best of several passes (3 for Tuiwei and rjieba, 2 for jieba, which takes
# about 20 s a pass). Wall-clock ratios are the target; ratios of thread CPU time are printed too,
# since they hold steadier when other programs share the machine.
#
# Installs jieba and rjieba (jieba-rs's Python binding) from PyPI into Benchmarks/.venv on
# first use. Writes the text and results under Benchmarks/.work/.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=Benchmarks/.venv
WORK=Benchmarks/.work
mkdir -p "$WORK"
if ! "$VENV/bin/python" -c "import jieba, rjieba" 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet jieba rjieba
fi
swift build -c release --product SegmentationBenchmark >&2
# The command is timed as installed: a release build with the Swift runtime linked in, which
# starts in a few milliseconds less than one that loads the runtime's shared libraries.
swift build -c release --product tuiwei --static-swift-stdlib --scratch-path .build-static >&2
echo "load: $(uptime)" >&2
.build/release/SegmentationBenchmark --write-text "$WORK/text.txt" --json "$@" > "$WORK/tuiwei.json"
"$VENV/bin/python" Benchmarks/jieba_bench.py rjieba "$WORK/text.txt" --repeat 3 > "$WORK/rjieba.json"
# The command as a user runs it, whole process (start-up, dictionary load, decoding, writing),
# best of 5, right after rjieba's in-process passes (and before jieba's, which take a minute).
"$VENV/bin/python" - "$WORK" > "$WORK/command.json" <<'PY'
import json, subprocess, sys, time
w = sys.argv[1]
best = float("inf")
for _ in range(5):
    with open(w + "/segmented.txt", "wb") as out:
        t0 = time.perf_counter()
        subprocess.run([".build-static/release/tuiwei", "segment", w + "/text.txt"], stdout=out, check=True)
        best = min(best, time.perf_counter() - t0)
print(json.dumps({"seconds": round(best, 4)}))
PY
"$VENV/bin/python" Benchmarks/jieba_bench.py jieba "$WORK/text.txt" lexicons/dictionary/jieba-dict.txt --repeat 2 > "$WORK/jieba.json"
echo "load: $(uptime)" >&2
"$VENV/bin/python" - "$WORK" <<'PY'
import json, sys
w = sys.argv[1]
t = json.load(open(w + "/tuiwei.json"))
r = json.load(open(w + "/rjieba.json"))
j = json.load(open(w + "/jieba.json"))
c = json.load(open(w + "/command.json"))
print(f"text: {t['text_chars']} chars, {t['text_mb']} MB")
print(f"{'':8} {'chars/s':>12} {'chars/cpu-s':>12} {'dict ms':>9} {'RSS after load MB':>18}")
print(f"{'tuiwei':8} {t['single_chars_per_s']:>12,.0f} {t['single_chars_per_cpu_s']:>12,.0f} {t['dict_ready_ms']:>9} {t['rss_after_load_mb']:>18}")
print(f"{'rjieba':8} {r['chars_per_s']:>12,.0f} {r['chars_per_cpu_s']:>12,.0f} {r['dict_load_ms']:>9} {r['rss_after_load_mb']:>18}")
print(f"{'jieba':8} {j['chars_per_s']:>12,.0f} {j['chars_per_cpu_s']:>12,.0f} {j['dict_load_ms']:>9} {j['rss_after_load_mb']:>18}")
print(f"tuiwei {t['tasks']} tasks: {t['parallel_chars_per_s']:,.0f} chars/s ({t['parallel_speedup']}x one task)")
print(f"ratio tuiwei/rjieba: {t['single_chars_per_s'] / r['chars_per_s']:.2f} (CPU time: {t['single_chars_per_cpu_s'] / r['chars_per_cpu_s']:.2f})")
print(f"ratio tuiwei/jieba:  {t['single_chars_per_s'] / j['chars_per_s']:.2f} (CPU time: {t['single_chars_per_cpu_s'] / j['chars_per_cpu_s']:.2f})")
rjieba_s = t['text_chars'] / r['chars_per_s']
print(f"tuiwei segment TEXT > OUT, whole process: {c['seconds']:.3f} s; rjieba in-process segmentation {rjieba_s:.3f} s; "
      f"ratio {rjieba_s / c['seconds']:.2f}")
PY
