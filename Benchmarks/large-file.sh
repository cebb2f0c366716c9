#!/usr/bin/env bash
# Memory and time of `tuiwei analyze` on one large transcript file of many calls, read a call at
# a time (the default from 64 MB; here whatever its size) and, as the baseline in the same
# sitting, read whole.
#
# usage: Benchmarks/large-file.sh [--count N] [--jobs J] [--no-whole]
#
#   --count N    documents to generate with CorpusGenerator and join into one file (default
#                10000, about 97 MB and 15,000 calls; 110000 make about 1.07 GB)
#   --jobs J     --jobs of both runs (default 2)
#   --no-whole   skip the run that reads the file whole (it takes about 9 bytes of memory per
#                byte of the file)
#
# Prints seconds and peak RSS of each run, their ratios, and whether the two runs wrote the
# same bytes.
set -euo pipefail
cd "$(dirname "$0")/.."

count=10000 jobs=2 whole=1
while [ $# -gt 0 ]; do
    case "$1" in
        --count) count="$2"; shift 2 ;;
        --jobs) jobs="$2"; shift 2 ;;
        --no-whole) whole=0; shift ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) echo "large-file.sh: unknown option '$1' (see --help)" >&2; exit 64 ;;
    esac
done

swift build -c release >/dev/null
scratch=$(mktemp -d "${TMPDIR:-/tmp}/tuiwei-large.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
.build/release/CorpusGenerator --count "$count" --out "$scratch/docs" >/dev/null
mkdir "$scratch/corpus"
find "$scratch/docs" -type f -name '*.txt' -print0 | sort -z | xargs -0 cat > "$scratch/corpus/all.txt"
rm -rf "$scratch/docs"
bytes=$(stat -c %s "$scratch/corpus/all.txt")
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
echo "one file of $count generated documents: $mb MB"

# One run: prints "seconds peak-RSS-MB".
timed() {  # out-dir env-assignment...
    local out="$1"; shift
    /usr/bin/time -f "%e %M" -o "$scratch/time" env "$@" .build/release/tuiwei analyze "$scratch/corpus" \
        --jobs "$jobs" --out "$out" --quiet >/dev/null 2>"$scratch/err" || { cat "$scratch/err" >&2; exit 1; }
    awk '{ printf "%s %.1f\n", $1, $2 / 1024 }' "$scratch/time"
}

# 0 reads the file a call at a time whatever its size.
read -r s r < <(timed "$scratch/streamed" TUIWEI_STREAM_MB=0)
printf "%-22s %8.2f s %8.1f MB RSS %6.2f MB/s\n" "a call at a time" "$s" "$r" "$(awk -v m="$mb" -v s="$s" 'BEGIN { print m / s }')"
if [ "$whole" = 1 ]; then
    # A size above the file's reads it whole.
    read -r ws wr < <(timed "$scratch/whole" TUIWEI_STREAM_MB=$(( bytes / 1048576 + 1 )))
    printf "%-22s %8.2f s %8.1f MB RSS %6.2f MB/s\n" "read whole" "$ws" "$wr" "$(awk -v m="$mb" -v s="$ws" 'BEGIN { print m / s }')"
    awk -v s="$s" -v ws="$ws" -v r="$r" -v wr="$wr" 'BEGIN { printf "call at a time / whole: time %.3f, peak RSS %.3f\n", s / ws, r / wr }'
    if diff -r "$scratch/streamed" "$scratch/whole" >/dev/null; then echo "reports: byte-identical"; else echo "reports: DIFFER"; exit 1; fi
fi
