"""The analysis a researcher might script instead of Tuiwei, for `compare-pipeline.sh`.

Reads every .txt file of a corpus, finds speaker labels with a regular expression (a line
starting with a short name and a colon), treats the speaker who is not the caller (the most
frequent first speaker of a question) as the official, segments every official turn with
jieba.lcut, looks up every lexicon entry (the patterns of lexicons/deflection/*.tsv turned into
Python regular expressions, word classes expanded) and writes one CSV row and one JSON line per
official turn. Prints one JSON object: documents, bytes, seconds, MB/s.

    python pipeline_peer.py CORPUS_DIR LEXICON_DIR DICT OUT_DIR
"""
import csv
import glob
import json
import os
import re
import sys
import time

import jieba

LABEL = re.compile(r"^\s*([^\s：:，。]{1,12})[：:](.*)$")
CALLERS = {"CLB", "ＣＬＢ", "记者", "问", "我", "中国劳工通讯"}
BARRIER = "，。！？；：,.!?;:\n"


def compile_lexicons(folder):
    """Each entry's pattern as a regular expression: alternatives and optional parts as they
    are, gaps as a bounded run of non-punctuation, word classes inlined, digits as any digit."""
    rows = []
    for path in sorted(glob.glob(os.path.join(folder, "*.tsv"))):
        for line in open(path, encoding="utf-8"):
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.rstrip("\n").split("\t")
            if len(fields) >= 2:
                rows.append((fields[0], fields[1]))
    classes = {c[1:]: p for c, p in rows if c.startswith("@")}

    def expand(p, depth=0):
        def cls(m):
            return "(?:" + expand(classes[m.group(1)], depth + 1) + ")"
        return re.sub(r"@([A-Za-z0-9_]+)", cls, p) if depth < 8 else p

    out = []
    for category, pattern in rows:
        if category.startswith("@"):
            continue
        code = category.split(":")[0]
        p = expand(pattern).strip("<>")
        p = re.sub(r"(…|\.\.\.)(\{(\d+)\})?", lambda m: "[^" + BARRIER + "]{0,%s}" % (m.group(3) or "6"), p)
        p = p.replace("(", "(?:").replace("0", r"\d")
        try:
            out.append((code, re.compile(p)))
        except re.error:
            pass
    return out


def turns(text):
    """(label, text) pairs: a labelled line starts a turn, other lines continue it."""
    current = None
    for line in text.splitlines():
        m = LABEL.match(line)
        if m:
            if current:
                yield current
            current = [m.group(1), m.group(2).strip()]
        elif current and line.strip():
            current[1] += line.strip()
    if current:
        yield current


def main():
    corpus, lexicons, dictionary, out = sys.argv[1:5]
    jieba.set_dictionary(dictionary)
    jieba.initialize()
    entries = compile_lexicons(lexicons)
    os.makedirs(out, exist_ok=True)
    files = sorted(glob.glob(os.path.join(corpus, "**", "*.txt"), recursive=True))
    start = time.perf_counter()
    size = 0
    with open(os.path.join(out, "answers.csv"), "w", newline="", encoding="utf-8") as c, \
            open(os.path.join(out, "analysis.jsonl"), "w", encoding="utf-8") as j:
        writer = csv.writer(c)
        writer.writerow(["document", "turn", "speaker", "codes", "words", "text"])
        for path in files:
            data = open(path, "rb").read()
            size += len(data)
            text = data.decode("utf-8", errors="replace")
            doc = os.path.splitext(os.path.basename(path))[0]
            for i, (label, said) in enumerate(turns(text)):
                if label in CALLERS or label.startswith("第"):
                    continue
                words = jieba.lcut(said)
                codes = sorted({code for code, rx in entries if rx.search(said)})
                writer.writerow([doc, i, label, " ".join(codes), len(words), said])
                j.write(json.dumps({"doc": doc, "turn": i, "speaker": label, "codes": codes,
                                    "words": words}, ensure_ascii=False) + "\n")
    seconds = time.perf_counter() - start
    print(json.dumps({"documents": len(files), "bytes": size, "seconds": round(seconds, 3),
                      "mb_per_s": round(size / 1e6 / seconds, 3)}))


if __name__ == "__main__":
    main()
