#!/bin/sh
# Regenerates the sample of report.md in README.md from a run over the bundled corpus.
set -e
cd "$(dirname "$0")/.."
TUIWEI_UPDATE_README=1 swift test --filter ReadmeSampleTests.theSampleInREADMEIsGenerated
git --no-pager diff --stat README.md
