// Segmentation throughput benchmark: characters per second, single task and one task per core,
// with dictionary-load time and memory. Build with `swift build -c release`.
import Foundation
import TuiweiCore
import TuiweiSegmentation

let usage = """
    USAGE: SegmentationBenchmark [--text FILE] [--min-mb N] [--repeat K] [--tasks N] [--no-hmm]
                                 [--dict-dir DIR] [--write-text FILE] [--json] [--segment-only]

    Segments a large text line by line and prints characters/s, MB/s, tokens, dictionary-load
    time and resident memory. The default text is the corpus/ documents repeated to at least
    --min-mb megabytes (default 10). Each measurement is the best of --repeat runs (default 3).
    --write-text saves the text used, so other segmenters can be measured on the same input.
    --segment-only loads the dictionary once and only segments (one task): for profilers such
    as callgrind, under which the fresh-process load measurement cannot start.
    """

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("SegmentationBenchmark: \(message)\n\n\(usage)\n".utf8))
    exit(64)
}

var args = Array(CommandLine.arguments.dropFirst())
var textPath: String?, writeText: String?, dictDir: String?
var minMB = 10.0, repeats = 3, tasks = ProcessInfo.processInfo.activeProcessorCount, hmm = true, json = false
var loadOnly = false, segmentOnly = false
while !args.isEmpty {
    let a = args.removeFirst()
    func value() -> String {
        guard !args.isEmpty else { fail("\(a) needs a value") }
        return args.removeFirst()
    }
    switch a {
    case "--text": textPath = value()
    case "--write-text": writeText = value()
    case "--dict-dir": dictDir = value()
    case "--min-mb": guard let v = Double(value()), v > 0 else { fail("--min-mb takes a positive number") }; minMB = v
    case "--repeat": guard let v = Int(value()), v > 0 else { fail("--repeat takes a positive whole number") }; repeats = v
    case "--tasks": guard let v = Int(value()), v > 0 else { fail("--tasks takes a positive whole number") }; tasks = v
    case "--no-hmm": hmm = false
    case "--json": json = true
    case "--load-only": loadOnly = true
    case "--segment-only": segmentOnly = true
    case "--help", "-h": print(usage); exit(0)
    default: fail("unknown option '\(a)'")
    }
}

/// `VmRSS` and `VmHWM` from /proc/self/status, in MB.
func memory() -> (rss: Double, peak: Double) {
    guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return (0, 0) }
    func field(_ name: String) -> Double {
        guard let line = s.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }) else { return 0 }
        return (Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) / 1024
    }
    return (field("VmRSS"), field("VmHWM"))
}

/// Anonymous memory backed by 2 MB pages, in MB.
func hugePages() -> Double {
    guard let s = try? String(contentsOfFile: "/proc/self/smaps_rollup", encoding: .utf8),
          let line = s.split(separator: "\n").first(where: { $0.hasPrefix("AnonHugePages:") }) else { return 0 }
    return (Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) / 1024
}

/// CPU time of this thread, which other programs on a busy machine do not inflate.
func threadCPU() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

guard let dir = dictDir ?? ProjectLayout.lexiconsDirectory().map({ $0 + "/dictionary" }) else {
    fail("cannot find lexicons/dictionary; run inside the project or pass --dict-dir")
}

// Dictionary load. `--load-only` measures a fresh process: time to a ready segmenter from the
// compiled cache, and resident memory then. The main run builds the cache if needed, then starts
// itself with `--load-only` so that memory is not inflated by anything it did before.
let cacheDir = Segmenter.defaultCacheDirectory()
if loadOnly {
    let before = memory().rss
    let t = now()
    let seg: Segmenter
    do { seg = try Segmenter.load(directory: dir, cacheDirectory: cacheDir) } catch { fail("\(error)") }
    let ms = (now() - t) * 1000
    let after = memory().rss
    let words = seg.words(in: "我来到北京清华大学").count
    print(String(format: "%.1f %.1f %.1f %d", ms, before, after, words))
    exit(0)
}
var t0 = now()
if !segmentOnly { _ = try? Segmenter.load(directory: dir, cacheDirectory: nil) }
let textLoad = now() - t0
var segmenter: Segmenter
do { segmenter = try Segmenter.load(directory: dir, cacheDirectory: cacheDir) } catch { fail("\(error)") }
var cachedLoad = Double.infinity, memoryBefore = 0.0, memoryAfterLoad = 0.0
for _ in 0..<(segmentOnly ? 0 : max(repeats, 3)) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: CommandLine.arguments[0].hasPrefix("/") ? CommandLine.arguments[0]
        : FileManager.default.currentDirectoryPath + "/" + CommandLine.arguments[0])
    p.arguments = ["--load-only", "--dict-dir", dir]
    let pipe = Pipe()
    p.standardOutput = pipe
    do { try p.run() } catch { fail("cannot start \(CommandLine.arguments[0]) --load-only: \(error)") }
    let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    let f = out.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    guard f.count == 4 else { fail("--load-only printed '\(out)'") }
    if f[0] < cachedLoad { cachedLoad = f[0] / 1000; memoryBefore = f[1]; memoryAfterLoad = f[2] }
}

// The text.
var text: String
if let textPath {
    guard let d = FileManager.default.contents(atPath: textPath) else { fail("cannot read \(textPath)") }
    text = String(decoding: d, as: UTF8.self)
} else {
    guard let corpus = ProjectLayout.corpusDirectory() else { fail("cannot find corpus/; pass --text FILE") }
    let files = ((try? FileManager.default.contentsOfDirectory(atPath: corpus)) ?? []).filter { $0.hasSuffix(".txt") }.sorted()
    let base = files.compactMap { try? String(contentsOfFile: corpus + "/" + $0, encoding: .utf8) }.joined(separator: "\n")
    guard !base.isEmpty else { fail("no .txt files in \(corpus)") }
    text = ""
    while Double(text.utf8.count) < minMB * 1_000_000 { text += base + "\n" }
}
if let writeText {
    try? FileManager.default.createDirectory(atPath: (writeText as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    guard FileManager.default.createFile(atPath: writeText, contents: Data(text.utf8)) else { fail("cannot write \(writeText)") }
}
let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
let chars = text.unicodeScalars.count
let bytes = text.utf8.count
let options = Segmenter.Options(hmm: hmm)

func run(_ slice: ArraySlice<String>, _ seg: Segmenter, _ options: Segmenter.Options) -> Int {
    var count = 0
    for line in slice { count += seg.tokens(in: line, options: options).count }
    return count
}

/// Splits `lines` into `tasks` parts and segments them concurrently; returns the token count.
func runParallel(_ lines: [String], tasks: Int, _ seg: Segmenter, _ options: Segmenter.Options) async -> Int {
    await withTaskGroup(of: Int.self) { group in
        let per = (lines.count + tasks - 1) / tasks
        for k in 0..<tasks {
            let part = lines[min(k * per, lines.count)..<min((k + 1) * per, lines.count)]
            group.addTask { run(part, seg, options) }
        }
        return await group.reduce(0, +)
    }
}

// One task.
var single = Double.infinity, singleCPU = Double.infinity
var tokens = 0
for _ in 0..<repeats {
    t0 = now()
    let c0 = threadCPU()
    tokens = run(lines[...], segmenter, options)
    singleCPU = min(singleCPU, threadCPU() - c0)
    single = min(single, now() - t0)
}

// One task per core, each on its share of the lines, all sharing one segmenter.
let shared = segmenter
var parallel = Double.infinity
for _ in 0..<(segmentOnly ? 0 : repeats) {
    t0 = now()
    let total = await runParallel(lines, tasks: tasks, shared, options)
    precondition(total == tokens, "parallel run produced \(total) tokens, single run \(tokens)")
    parallel = min(parallel, now() - t0)
}
let peak = memory()

let result: [(String, String)] = [
    ("text_chars", "\(chars)"), ("text_mb", String(format: "%.2f", Double(bytes) / 1e6)), ("tokens", "\(tokens)"),
    ("hmm", "\(hmm)"),
    ("single_seconds", String(format: "%.3f", single)),
    ("single_chars_per_s", String(format: "%.0f", Double(chars) / single)),
    ("single_mb_per_s", String(format: "%.2f", Double(bytes) / 1e6 / single)),
    ("single_cpu_seconds", String(format: "%.3f", singleCPU)),
    ("single_chars_per_cpu_s", String(format: "%.0f", Double(chars) / singleCPU)),
    ("tasks", "\(tasks)"),
    ("parallel_seconds", String(format: "%.3f", parallel)),
    ("parallel_chars_per_s", String(format: "%.0f", Double(chars) / parallel)),
    ("parallel_speedup", String(format: "%.2f", single / parallel)),
    ("dict_ready_ms", String(format: "%.1f", cachedLoad * 1000)),
    ("dict_from_text_ms", String(format: "%.1f", textLoad * 1000)),
    ("rss_before_load_mb", String(format: "%.1f", memoryBefore)),
    ("rss_after_load_mb", String(format: "%.1f", memoryAfterLoad)),
    ("peak_rss_mb", String(format: "%.1f", peak.peak)),
    ("huge_pages_mb", String(format: "%.1f", hugePages())),
]
if json {
    print("{" + result.map { "\"\($0.0)\": \(Double($0.1) != nil || $0.1 == "true" || $0.1 == "false" ? $0.1 : "\"\($0.1)\"")" }.joined(separator: ", ") + "}")
} else {
    for (k, v) in result { print(k.padding(toLength: 22, withPad: " ", startingAt: 0) + v) }
}
