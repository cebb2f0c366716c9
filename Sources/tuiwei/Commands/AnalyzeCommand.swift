import Foundation
import TuiweiCore
import TuiweiPipeline
import TuiweiReports
import TuiweiAggregates
import TuiweiScoring
import TuiweiTranscript
#if canImport(Glibc)
import Glibc
#endif

/// `tuiwei analyze`: the main job — every official answer scored with its evidence, and reports
/// comparing officials, calls and organisations.
enum AnalyzeCommand: Command {
    static let spec = CommandSpec(
        name: "analyze",
        synopsis: "tuiwei analyze [CORPUS…] [--out DIR] [--format md,html,json,csv] [--jobs N] [--shard I/N] [--quiet]",
        summary: "Score every official answer and write comparative reports (the main job).",
        options: LexiconOptions.specs + [LexiconOptions.weights] + ReportOptions.specs + [
            .value("--jobs", "N", "Documents analysed at once (default: the number of cores)."),
            .value("--shard", "I/N", "Analyse only shard I of N (every N-th document) and write shard-I-of-N.json for 'tuiwei merge'."),
            .flag("--quiet", "No progress line on standard error."),
        ],
        details: """
            CORPUS is any mix of .txt files, folders (searched recursively) and - for standard input;
            with none, the bundled corpus/ is analysed. Files written: report.md, report.html,
            analysis.jsonl, answers.csv, officials.csv, referrals.csv. The output is the same whatever
            --jobs is. A transcript file of 64 MB or more is read a call at a time, never held whole
            (TUIWEI_STREAM_MB sets that size in megabytes). With --shard, only the shard file is
            written; 'tuiwei merge' turns the shards of a corpus into the same reports as one run.
            Exit status 1 when a document was skipped (each is listed with its reason).
            """)

    static func run(_ args: ParsedArguments) async throws -> Int32 {
        let paths = try CorpusArguments.paths(args.positional)
        let formats = try ReportOptions.formats(args)
        let jobs = try args.integer("--jobs", in: 1...512) ?? ProcessInfo.processInfo.activeProcessorCount
        let shard = try args.value("--shard").map(parseShard)
        let streamedBytes = try CorpusArguments.streamedBytes()

        let out = args.value("--out") ?? "tuiwei-report"
        guard let shard else {
            // The folder is checked and taken before any work, and given back untouched on failure.
            let folder = try OutputFolder(path: out)
            let interrupts = Interrupts { folder.abandon() }
            defer { interrupts.stop() }
            do {
                let engine = try LexiconOptions.engine(args)
                let sources = TranscriptReader.sources(at: paths)
                let quiet = args.flag("--quiet") || isatty(2) == 0
                let progress = quiet ? nil : ProgressLine(total: sources.count)
                var report: RunProgress?
                if let progress { report = { phase, done, _ in progress.update(done, phase: phase) } }
                let excel = args.flag("--excel")
                let result = try await engine.stream(sources, jobs: jobs, formats: formats, makeStream: { context in
                    try ReportStream(folder: folder, context: context, excelBOM: excel)
                }, streamedBytes: streamedBytes, progress: report)
                progress?.finish()
                return ReportOptions.finish(result, formats: formats, args: args, command: "analyze")
            } catch {
                folder.abandon()
                throw error
            }
        }
        try ReportOptions.checkFolder(out)
        let engine = try LexiconOptions.engine(args)
        guard let provenance = engine.provenance else {
            throw Diagnostic(.error, file: "lexicons", "the data files of this run could not be recorded; run inside the project or set TUIWEI_HOME")
        }
        let quiet = args.flag("--quiet") || isatty(2) == 0
        let all = TranscriptReader.sources(at: paths)
        let sources = AnalysisEngine.shard(all, index: shard.index, count: shard.count)
        let progress = quiet ? nil : ProgressLine(total: sources.count)
        var report: (@Sendable (Int, Int) -> Void)?
        if let progress { report = { done, _ in progress.update(done, phase: "analysing") } }
        let result = await engine.run(sources, jobs: jobs, streamedBytes: streamedBytes, progress: report)
        progress?.finish()
        for d in result.skipped { printError("tuiwei analyze: skipped \(d.path): \(d.status)") }
        let path = (out as NSString).appendingPathComponent("shard-\(shard.index)-of-\(shard.count).json")
        // Shards of one split share a folder, so the folder is not taken; the file is written whole or not at all.
        let file = AtomicFile(path: path)
        let interrupts = Interrupts { file.discard() }
        defer { interrupts.stop() }
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            try file.write(RunShard(index: shard.index, count: shard.count, corpus: CorpusIdentity(sources: all),
                                    provenance: provenance, run: result).data())
        } catch {
            file.discard()
            throw Diagnostic(.error, file: path, "cannot write the shard file (\(error.localizedDescription)); choose another folder with --out")
        }
        printError("tuiwei analyze: shard \(shard.index)/\(shard.count): \(counted(sources.count, "document")); wrote \(path)")
        return result.skipped.isEmpty ? ExitStatus.ok : ExitStatus.partial
    }

    /// `I/N` with 1 ≤ I ≤ N.
    static func parseShard(_ text: String) throws -> (index: Int, count: Int) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(i) else {
            throw UsageError(message: "--shard takes I/N with 1 ≤ I ≤ N (for example 3/8), not '\(text)'")
        }
        return (i, n)
    }
}

/// Options and output shared by the commands that write reports (`analyze`, `merge`).
enum ReportOptions {
    static let specs: [OptionSpec] = [
        .value("--out", "DIR", "Folder for the reports (default ./tuiwei-report; without --out the Markdown report is also printed)."),
        .value("--format", "LIST", "Comma-separated report formats: md, html, json, csv (default: all)."),
        .flag("--excel", "Start the CSV files with a byte-order mark, so Excel reads them as UTF-8."),
    ]

    static func formats(_ args: ParsedArguments) throws -> [ReportFormat] {
        switch ReportFormat.parseList(args.value("--format") ?? "md,html,json,csv") {
        case .success(let f): return f
        case .failure(let e): throw UsageError(message: e.description)
        }
    }

    /// Writes the reports of a run held in memory into a folder already taken.
    static func write(_ run: CorpusRun, scoring: ScoringResources, to folder: OutputFolder, formats: [ReportFormat],
                      args: ParsedArguments, command: String, provenance: RunProvenance? = nil) throws -> Int32 {
        let result = try ReportWriter.write(run.analysis, resources: scoring, to: folder,
                                            formats: formats, excelBOM: args.flag("--excel"), provenance: provenance)
        return finish(result, formats: formats, args: args, command: command)
    }

    /// Rejects an output path that is an existing file, before any work is done.
    static func checkFolder(_ path: String) throws {
        guard !path.isEmpty else { throw UsageError(message: "--out needs a folder name") }
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue {
            throw Diagnostic(.error, file: path, "is a file, not a folder; choose a folder for the output with --out")
        }
    }

    /// Lists skipped documents, prints the Markdown report when no --out was given, and gives the exit status.
    static func finish(_ result: ReportStream.Result, formats: [ReportFormat], args: ParsedArguments, command: String) -> Int32 {
        let summary = result.summary
        for d in summary.skipped { printError("tuiwei \(command): \(d.path): \(d.status)") }
        if args.value("--out") == nil, let md = result.files.first(where: { $0.name == "report.md" })?.path,
           let text = try? String(contentsOfFile: md, encoding: .utf8) {
            print(text, terminator: "")
        }
        printError("tuiwei \(command): \(counted(summary.totals.documents, "document")), \(counted(summary.overall.answers, "official answer")) counted (\(counted(summary.totals.answers, "official turn")) read); wrote \(result.files.compactMap(\.path).joined(separator: ", "))")
        return summary.skipped.isEmpty ? ExitStatus.ok : ExitStatus.partial
    }
}

/// `analysing 12/100 (34.5/s)` rewritten in place on a terminal's standard error.
final class ProgressLine: @unchecked Sendable {
    private let total: Int
    private var start = Date()
    private let lock = NSLock()
    private var last = Date.distantPast
    private var phase = ""

    init(total: Int) { self.total = total }

    func update(_ done: Int, phase: String) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        if phase != self.phase {
            // A new pass starts its own count and rate on a new line.
            if !self.phase.isEmpty { FileHandle.standardError.write(Data("\n".utf8)) }
            self.phase = phase
            start = now
        }
        guard done == total || now.timeIntervalSince(last) > 0.1 else { return }
        last = now
        let rate = Double(done) / max(0.001, now.timeIntervalSince(start))
        FileHandle.standardError.write(Data("\r\(phase) \(done)/\(total) (\(String(format: "%.1f", rate))/s)".utf8))
    }

    func finish() { FileHandle.standardError.write(Data("\n".utf8)) }
}
