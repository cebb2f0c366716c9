#!/usr/bin/env bash
# Builds a libFuzzer harness and runs it.
#   Tests/Fuzz/run.sh document [SECONDS] [-runs=N …]   the document decoder and transcript parser
#   Tests/Fuzz/run.sh lexicon  [SECONDS] [-runs=N …]   the lexicon file loader and pattern compiler
# The stages are compiled as one module (project imports removed) with -sanitize=fuzzer,address
# (FUZZ_SANITIZE=fuzzer leaves AddressSanitizer out, for more inputs per second).
# Crashing inputs are written to .build-fuzz/<target>/crashes/; the corpus of interesting inputs
# grows in .build-fuzz/<target>/corpus/ and is seeded with the bundled documents.
set -euo pipefail
cd "$(dirname "$0")/../.."
target=${1:?usage: Tests/Fuzz/run.sh document|lexicon [SECONDS] [libFuzzer options]}
seconds=${2:-60}
shift $(( $# >= 2 ? 2 : 1 ))
case "$target" in
  document) modules="TuiweiCore TuiweiCorpus TuiweiTranscript"; harness=Tests/Fuzz/DocumentFuzzer.swift; seeds=corpus ;;
  lexicon)  modules="TuiweiCore TuiweiCorpus TuiweiSegmentation TuiweiLexicon"; harness=Tests/Fuzz/LexiconFuzzer.swift; seeds=lexicons/deflection ;;
  *) echo "unknown fuzz target '$target' (document or lexicon)" >&2; exit 64 ;;
esac
work=.build-fuzz/$target
rm -rf "$work/src"; mkdir -p "$work/src" "$work/corpus" "$work/crashes"
for m in $modules; do
  for f in Sources/$m/*.swift; do sed '/^import Tuiwei/d; /^@testable import Tuiwei/d' "$f" > "$work/src/${m}_$(basename "$f")"; done
done
sed '/^import Tuiwei/d' "$harness" > "$work/src/harness.swift"
swiftc -sanitize=${FUZZ_SANITIZE:-fuzzer,address} -parse-as-library -O -module-name TuiweiFuzz "$work"/src/*.swift -o "$work/fuzzer" 2>&1 \
  | grep -v -E 'warning:|^ *[0-9]* *\||^ *\||^$' || true
[ -x "$work/fuzzer" ] || { echo "fuzz harness did not build" >&2; exit 1; }
find "$seeds" -type f \( -name '*.txt' -o -name '*.tsv' \) -size -64k -exec cp {} "$work/corpus/" \; 2>/dev/null || true
"$work/fuzzer" "$work/corpus" -artifact_prefix="$work/crashes/" -max_total_time="$seconds" -max_len=8192 -print_final_stats=1 "$@"
