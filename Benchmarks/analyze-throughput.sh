#!/usr/bin/env bash
# Throughput of `tuiwei analyze` against the segmentation benchmark, measured in one sitting.
#
# usage: Benchmarks/analyze-throughput.sh [--count N] [--corpus DIR] [--jobs "1 2"] [--baseline BIN]
#
#   --count N       generate N transcripts with CorpusGenerator (default 1000) into a scratch folder
#   --corpus DIR    measure an existing corpus instead
#   --jobs LIST     the --jobs values to run (default "1 2")
#   --baseline BIN  also time another tuiwei binary, alternating with this build, for new/old ratios
#
# Prints, for each run: seconds, documents/s, MB/s, peak RSS; then the segmentation benchmark's
# MB/s on the same text (one task and one per core) and analysis MB/s as a share of it.
set -euo pipefail
cd "$(dirname "$0")/.."

count=1000 corpus="" jobs_list="1 2" baseline=""
while [ $# -gt 0 ]; do
    case "$1" in
        --count) count="$2"; shift 2 ;;
        --corpus) corpus="$2"; shift 2 ;;
        --jobs) jobs_list="$2"; shift 2 ;;
        --baseline) baseline="$2"; shift 2 ;;
        -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
        *) echo "analyze-throughput.sh: unknown option '$1' (see --help)" >&2; exit 64 ;;
    esac
done

swift build -c release >/dev/null
scratch=$(mktemp -d "${TMPDIR:-/tmp}/tuiwei-throughput.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
if [ -z "$corpus" ]; then
    corpus="$scratch/corpus"
    .build/release/CorpusGenerator --count "$count" --out "$corpus" >/dev/null
fi
docs=$(find "$corpus" -type f -name '*.txt' | wc -l)
bytes=$(find "$corpus" -type f -name '*.txt' -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.2f", b / 1e6 }')
echo "corpus: $corpus ($docs documents, $mb MB)"

# One timed run: prints "seconds peak-RSS-MB".
timed() {
    local out="$scratch/out"
    rm -rf "$out"
    /usr/bin/time -f "%e %M" -o "$scratch/time" "$@" --out "$out" --quiet >/dev/null 2>"$scratch/err" || {
        cat "$scratch/err" >&2; exit 1; }
    awk '{ printf "%s %.1f\n", $1, $2 / 1024 }' "$scratch/time"
}

report() {  # label seconds rss
    awk -v l="$1" -v s="$2" -v r="$3" -v d="$docs" -v m="$mb" \
        'BEGIN { printf "%-28s %8.2f s %8.1f docs/s %7.2f MB/s %8.1f MB RSS\n", l, s, d / s, m / s, r }'
}

declare -A best
for j in $jobs_list; do
    read -r s r < <(timed .build/release/tuiwei analyze "$corpus" --jobs "$j")
    report "tuiwei --jobs $j" "$s" "$r"
    best[$j]=$s
    if [ -n "$baseline" ]; then
        read -r bs br < <(TUIWEI_HOME="$PWD" timed "$baseline" analyze "$corpus" --jobs "$j")
        report "baseline --jobs $j" "$bs" "$br"
        awk -v n="$s" -v o="$bs" 'BEGIN { printf "%-28s %8.3f\n", "  new/old time", n / o }'
    fi
done

# The segmentation benchmark on the same text, concatenated.
find "$corpus" -type f -name '*.txt' -print0 | sort -z | xargs -0 cat > "$scratch/all.txt"
seg=$(.build/release/SegmentationBenchmark --text "$scratch/all.txt" --repeat 3)
seg1=$(awk '/^single_mb_per_s/ { print $2 }' <<<"$seg")
segn=$(awk '/^parallel_chars_per_s/ { c = $2 } /^text_chars/ { t = $2 } /^text_mb/ { m = $2 } END { printf "%.2f", c / t * m }' <<<"$seg")
echo "segmentation benchmark: $seg1 MB/s one task, $segn MB/s one task per core"
for j in $jobs_list; do
    awk -v s="${best[$j]}" -v m="$mb" -v a="$seg1" -v b="$segn" -v j="$j" \
        'BEGIN { r = m / s; printf "analysis --jobs %s: %.2f MB/s = %.3f of segmentation (%s)\n", j, r, r / (j == 1 ? a : b), j == 1 ? "one task" : "per core" }'
done
