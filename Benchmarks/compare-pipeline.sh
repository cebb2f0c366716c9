#!/usr/bin/env bash
# `tuiwei analyze --jobs 1` against the Python script a researcher might write instead
# (Benchmarks/pipeline_peer.py: regex labels, jieba.lcut per official turn, every lexicon entry
# as a regular expression, a CSV and a JSON Lines file), on the same generated corpus in the
# same sitting. Prints MB/s of each (wall clock, and per CPU second, which holds steadier when
# other programs share the machine), the ratios, and peak RSS.
#
#   Benchmarks/compare-pipeline.sh [--count N] [--jobs "1 2"]
#
# Installs jieba from PyPI into Benchmarks/.venv on first use; generates the corpus with
# CorpusGenerator into a scratch folder that is removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
count=1000 jobs_list="1"
while [ $# -gt 0 ]; do
    case "$1" in
        --count) count="$2"; shift 2 ;;
        --jobs) jobs_list="$2"; shift 2 ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) echo "compare-pipeline.sh: unknown option '$1' (see --help)" >&2; exit 64 ;;
    esac
done
VENV=Benchmarks/.venv
if ! "$VENV/bin/python" -c "import jieba" 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet jieba
fi
swift build -c release >&2
scratch=$(mktemp -d "${TMPDIR:-/tmp}/tuiwei-pipeline.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
.build/release/CorpusGenerator --count "$count" --out "$scratch/corpus" >/dev/null
bytes=$(find "$scratch/corpus" -type f -name '*.txt' -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.2f", b / 1e6 }')
echo "corpus: $count documents, $mb MB; load: $(uptime | sed 's/.*load average: //')"

/usr/bin/time -f "%e %M %U %S" -o "$scratch/peer.time" "$VENV/bin/python" Benchmarks/pipeline_peer.py \
    "$scratch/corpus" lexicons/deflection lexicons/dictionary/jieba-dict.txt "$scratch/peer" > "$scratch/peer.json" 2>/dev/null
read -r ps pr pu psys < "$scratch/peer.time"
peer=$(awk -v m="$mb" -v s="$ps" 'BEGIN { printf "%.2f", m / s }')
peercpu=$(awk -v m="$mb" -v u="$pu" -v y="$psys" 'BEGIN { printf "%.2f", m / (u + y) }')
printf "%-22s %8.2f s %8.2f MB/s %8.2f MB/cpu-s %8.1f MB peak RSS\n" "python + jieba" "$ps" "$peer" "$peercpu" "$(awk -v r="$pr" 'BEGIN{print r/1024}')"
for j in $jobs_list; do
    /usr/bin/time -f "%e %M %U %S" -o "$scratch/t.time" .build/release/tuiwei analyze "$scratch/corpus" \
        --jobs "$j" --out "$scratch/out-$j" --quiet >/dev/null 2>&1
    read -r ts tr tu tsys < "$scratch/t.time"
    mine=$(awk -v m="$mb" -v s="$ts" 'BEGIN { printf "%.2f", m / s }')
    minecpu=$(awk -v m="$mb" -v u="$tu" -v y="$tsys" 'BEGIN { printf "%.2f", m / (u + y) }')
    printf "%-22s %8.2f s %8.2f MB/s %8.2f MB/cpu-s %8.1f MB peak RSS   ratio to python %.2f (per CPU second %.2f)\n" \
        "tuiwei --jobs $j" "$ts" "$mine" "$minecpu" "$(awk -v r="$tr" 'BEGIN{print r/1024}')" \
        "$(awk -v a="$mine" -v b="$peer" 'BEGIN{print a/b}')" "$(awk -v a="$minecpu" -v b="$peercpu" 'BEGIN{print a/b}')"
done
echo "load: $(uptime | sed 's/.*load average: //')"
