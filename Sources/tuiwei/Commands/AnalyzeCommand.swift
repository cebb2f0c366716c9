import Foundation
import TuiweiCore
import TuiweiLexicon
import TuiweiPipeline
import TuiweiReports
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
        synopsis: "tuiwei analyze [CORPUS…] [--out DIR] [--format md,html,json,csv] [--jobs N] [--quiet]",
        summary: "Score every official answer and write comparative reports (the main job).",
        options: LexiconOptions.specs + [
            .value("--out", "DIR", "Folder for the reports (default ./tuiwei-report; without --out the Markdown summary is also printed)."),
            .value("--format", "LIST", "Comma-separated report formats: md, html, json, csv (default: all)."),
            .value("--jobs", "N", "Documents analysed at once (default: the number of cores)."),
            .flag("--excel", "Start the CSV files with a byte-order mark, so Excel reads them as UTF-8."),
            .flag("--quiet", "No progress line on standard error."),
        ],
        details: """
            CORPUS is any mix of .txt files, folders (searched recursively) and - for standard input;
            with none, the bundled corpus/ is analysed. Files written: report.md, report.html,
            analysis.jsonl, answers.csv, officials.csv. The output is the same whatever --jobs is.
            Exit status 1 when a document was skipped (each is listed with its reason).
            """)

    static func run(_ args: ParsedArguments) async throws -> Int32 {
        let paths = try CorpusArguments.paths(args.positional)
        let formats: [ReportFormat]
        switch ReportFormat.parseList(args.value("--format") ?? "md,html,json,csv") {
        case .success(let f): formats = f
        case .failure(let e): throw UsageError(message: e.description)
        }
        let jobs = try args.integer("--jobs", in: 1...512) ?? ProcessInfo.processInfo.activeProcessorCount
        let out = args.value("--out") ?? "tuiwei-report"

        _ = try LexiconOptions.paths(args)
        let engine: AnalysisEngine
        do {
            engine = try AnalysisEngine.load(lexicons: args.all("--lexicon"), defaultLexicons: !args.flag("--no-default-lexicons"))
        } catch let e as LexiconError {
            throw LexiconLoadFailure(message: e.description)
        }
        let sources = TranscriptReader.sources(at: paths)
        let progress = (!args.flag("--quiet") && isatty(2) != 0) ? ProgressLine(total: sources.count) : nil
        var report: (@Sendable (Int, Int) -> Void)?
        if let progress { report = { done, _ in progress.update(done) } }
        let result = await engine.run(sources, jobs: jobs, progress: report)
        progress?.finish()

        let summary = CorpusSummary(result.analysis, resources: engine.scoring)
        let written = try ReportWriter.write(summary, to: out, formats: formats, excelBOM: args.flag("--excel"))
        if args.value("--out") == nil, formats.contains(.markdown) {
            print(MarkdownReport.render(summary), terminator: "")
        }
        for d in result.skipped { printError("tuiwei analyze: skipped \(d.path): \(d.status)") }
        printError("tuiwei analyze: \(summary.analysis.documents.count) documents, \(summary.analysis.answers.count) official answers; wrote \(written.joined(separator: ", "))")
        return result.skipped.isEmpty ? ExitStatus.ok : ExitStatus.partial
    }
}

/// `documents 12/100 (34.5/s)` rewritten in place on a terminal's standard error.
final class ProgressLine: @unchecked Sendable {
    private let total: Int
    private let start = Date()
    private let lock = NSLock()
    private var last = Date.distantPast

    init(total: Int) { self.total = total }

    func update(_ done: Int) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard done == total || now.timeIntervalSince(last) > 0.1 else { return }
        last = now
        let rate = Double(done) / max(0.001, now.timeIntervalSince(start))
        FileHandle.standardError.write(Data("\rdocuments \(done)/\(total) (\(String(format: "%.1f", rate))/s)".utf8))
    }

    func finish() { FileHandle.standardError.write(Data("\n".utf8)) }
}
