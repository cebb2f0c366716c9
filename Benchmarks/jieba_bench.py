"""Measures one Python segmenter (jieba or rjieba) on a text file, line by line, HMM on.

Usage: jieba_bench.py LIB TEXT [DICT] [--repeat K]
Prints one JSON object: chars/s (segmentation only, dictionary load excluded), dictionary-load
seconds and resident memory after load. Run by compare-jieba.sh; one process per library, so
each one's memory is its own.
"""
import json
import resource
import sys
import time


def rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main():
    args = sys.argv[1:]
    repeat = 1
    if "--repeat" in args:
        i = args.index("--repeat")
        repeat = int(args[i + 1])
        del args[i:i + 2]
    lib, text_path = args[0], args[1]
    dict_path = args[2] if len(args) > 2 else None
    with open(text_path, encoding="utf-8") as f:
        text = f.read()
    lines = [l for l in text.split("\n") if l]
    chars = len(text)
    rss_before = rss_mb()
    t0 = time.perf_counter()
    if lib == "jieba":
        import jieba
        jieba.setLogLevel(60)
        tk = jieba.Tokenizer(dictionary=dict_path) if dict_path else jieba.Tokenizer()
        tk.initialize()
        def cut(s):
            return list(tk.cut(s, HMM=True))
    elif lib == "rjieba":
        import rjieba
        tk = rjieba.Jieba()
        tk.cut("预热")
        def cut(s):
            return tk.cut(s, hmm=True)
    else:
        sys.exit("unknown library " + lib)
    load = time.perf_counter() - t0
    rss_after = rss_mb()
    best = best_cpu = float("inf")
    tokens = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        c0 = time.thread_time()
        n = 0
        for line in lines:
            n += len(cut(line))
        best_cpu = min(best_cpu, time.thread_time() - c0)
        best = min(best, time.perf_counter() - t0)
        tokens = n
    print(json.dumps({
        "lib": lib, "text_chars": chars, "tokens_incl_spaces": tokens, "seconds": round(best, 3),
        "chars_per_s": round(chars / best), "cpu_seconds": round(best_cpu, 3),
        "chars_per_cpu_s": round(chars / best_cpu), "dict_load_ms": round(load * 1000, 1),
        "rss_before_load_mb": round(rss_before, 1), "rss_after_load_mb": round(rss_after, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }))


if __name__ == "__main__":
    main()
