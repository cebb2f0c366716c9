#!/usr/bin/env bash
# Builds a libFuzzer harness and runs it.
#   Tests/Fuzz/run.sh document [SECONDS] [-runs=N …]   the document decoder and transcript parser
#   Tests/Fuzz/run.sh lexicon  [SECONDS] [-runs=N …]   the lexicon file loader and pattern compiler
#   Tests/Fuzz/run.sh weights  [SECONDS] [-runs=N …]   weights.tsv, then scoring and aggregates with it
#   Tests/Fuzz/run.sh userdict [SECONDS] [-runs=N …]   user dictionaries, then segmentation with them
#   Tests/Fuzz/run.sh shard    [SECONDS] [-runs=N …]   shard files, then the merge checks and the reports
# The stages are compiled as one module (project imports removed, module-qualified names renamed) with -sanitize=fuzzer,address
# (FUZZ_SANITIZE=fuzzer leaves AddressSanitizer out, for more inputs per second).
# Crashing inputs are written to .build-fuzz/<target>/crashes/; the corpus of interesting inputs
# grows in .build-fuzz/<target>/corpus/ and is seeded with valid files (the bundled documents,
# the shipped lexicons and weights, dictionary lines, Tests/Fixtures/fuzz/seeds/shard/), which
# libFuzzer mutates.
set -euo pipefail
cd "$(dirname "$0")/../.."
target=${1:?usage: Tests/Fuzz/run.sh document|lexicon|weights|userdict|shard [SECONDS] [libFuzzer options]}
seconds=${2:-60}
shift $(( $# >= 2 ? 2 : 1 ))
case "$target" in
  document) modules="TuiweiCore TuiweiCorpus TuiweiTranscript"; harness=Tests/Fuzz/DocumentFuzzer.swift; seeds=corpus ;;
  lexicon)  modules="TuiweiCore TuiweiCorpus TuiweiSegmentation TuiweiLexicon"; harness=Tests/Fuzz/LexiconFuzzer.swift; seeds=lexicons/deflection ;;
  weights)  modules="TuiweiCore TuiweiCorpus TuiweiTranscript TuiweiSegmentation TuiweiLexicon TuiweiScoring TuiweiAggregates TuiweiReports TuiweiFit TuiweiPipeline"; harness=Tests/Fuzz/WeightsFuzzer.swift; seeds=lexicons/scoring ;;
  userdict) modules="TuiweiCore TuiweiSegmentation"; harness=Tests/Fuzz/UserDictionaryFuzzer.swift; seeds=Tests/Fixtures/fuzz/seeds/userdict ;;
  shard)    modules="TuiweiCore TuiweiCorpus TuiweiTranscript TuiweiSegmentation TuiweiLexicon TuiweiScoring TuiweiAggregates TuiweiReports TuiweiFit TuiweiPipeline"
            harness=Tests/Fuzz/ShardFuzzer.swift; seeds=Tests/Fixtures/fuzz/seeds/shard ;;
  *) echo "unknown fuzz target '$target' (document, lexicon, weights, userdict or shard)" >&2; exit 64 ;;
esac
max_len=8192
[ "$target" = shard ] && max_len=32768
work=.build-fuzz/$target
rm -rf "$work/src"; mkdir -p "$work/src" "$work/corpus" "$work/crashes"
for m in $modules; do
  for f in Sources/$m/*.swift; do sed '/^import Tuiwei/d; /^@testable import Tuiwei/d; s/\bTuiwei\(Core\|Corpus\|Transcript\|Segmentation\|Lexicon\|Scoring\|Aggregates\|Reports\|Fit\|Pipeline\)\.\([a-z]\)/TuiweiFuzz.\2/g' "$f" > "$work/src/${m}_$(basename "$f")"; done
done
sed '/^import Tuiwei/d' "$harness" > "$work/src/harness.swift"
swiftc -sanitize=${FUZZ_SANITIZE:-fuzzer,address} -parse-as-library -O -module-name TuiweiFuzz "$work"/src/*.swift -o "$work/fuzzer" 2>&1 \
  | grep -v -E 'warning:|^ *[0-9]* *\||^ *\||^$' || true
[ -x "$work/fuzzer" ] || { echo "fuzz harness did not build" >&2; exit 1; }
find "$seeds" -type f \( -name '*.txt' -o -name '*.tsv' -o -name '*.json' -o -name '*.dict' \) -size -64k -exec cp {} "$work/corpus/" \; 2>/dev/null || true
# Swift's own crash backtracer is off, so that libFuzzer's handler sees the crash and saves the input.
export SWIFT_BACKTRACE=${SWIFT_BACKTRACE:-enable=no}
# Leak checks are off: the runtime's caches and the harness's shared state look like leaks to
# LeakSanitizer, which then costs more than the input itself.
"$work/fuzzer" "$work/corpus" -artifact_prefix="$work/crashes/" -max_total_time="$seconds" -max_len="$max_len" \
  -detect_leaks=0 -print_final_stats=1 "$@"
