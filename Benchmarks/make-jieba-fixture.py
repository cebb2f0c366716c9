"""Writes Tests/Fixtures/jieba-agreement/corpus-jieba.tsv: jieba's segmentation (HMM on, the
dictionary in lexicons/dictionary) of every distinct sentence in corpus/*.txt.

Run with the benchmark virtual environment (compare-jieba.sh creates it):
    Benchmarks/.venv/bin/python Benchmarks/make-jieba-fixture.py
Each output line is the sentence, then each word jieba gives, tab-separated (whitespace tokens
dropped). The fixture is committed; the tests compare Tuiwei's segmentation with it.
"""
import glob
import os
import re

import jieba

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
jieba.setLogLevel(60)
tk = jieba.Tokenizer(dictionary=os.path.join(root, "lexicons/dictionary/jieba-dict.txt"))
tk.initialize()

seen = set()
sentences = []
for path in sorted(glob.glob(os.path.join(root, "corpus", "*.txt"))):
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip().replace("\t", " ")
            for s in re.findall(r"[^。！？!?]+[。！？!?]*", line):
                s = s.strip()
                if len(s) >= 2 and s not in seen:
                    seen.add(s)
                    sentences.append(s)

out = os.path.join(root, "Tests/Fixtures/jieba-agreement/corpus-jieba.tsv")
with open(out, "w", encoding="utf-8") as f:
    for s in sentences:
        words = [w for w in tk.cut(s, HMM=True) if w.strip()]
        f.write("\t".join([s] + words) + "\n")
print(f"{len(sentences)} sentences -> {os.path.relpath(out, root)} (jieba {jieba.__version__})")
