import Foundation
import TuiweiCore
import TuiweiAggregates
import TuiweiScoring

/// The files `tuiwei analyze` can write.
public enum ReportFormat: String, Sendable, Hashable, CaseIterable {
    /// `report.md`
    case markdown = "md"
    /// `report.html`
    case html
    /// `analysis.jsonl`
    case json
    /// `answers.csv`, `officials.csv` and `referrals.csv`
    case csv

    /// The file names this format produces.
    public var fileNames: [String] {
        switch self {
        case .markdown: ["report.md"]
        case .html: ["report.html"]
        case .json: ["analysis.jsonl"]
        case .csv: ["answers.csv", "officials.csv", "referrals.csv"]
        }
    }

    /// Parses `md,html,json,csv`; nil names the first unknown entry.
    public static func parseList(_ text: String) -> Result<[ReportFormat], UnknownFormat> {
        var out: [ReportFormat] = []
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) where !part.isEmpty {
            let name = part == "markdown" ? "md" : part == "jsonl" ? "json" : part
            guard let f = ReportFormat(rawValue: name) else { return .failure(UnknownFormat(name: part)) }
            if !out.contains(f) { out.append(f) }
        }
        return .success(out)
    }

    public struct UnknownFormat: Error, Sendable, CustomStringConvertible {
        public let name: String
        public var description: String { "unknown report format '\(name)'; use a comma-separated list of md, html, json, csv" }
    }
}

/// Renders and writes the report files of a run held in memory (a merge of shards, a test): the
/// same bytes as `ReportStream` gives when the run streams its documents.
public enum ReportWriter {
    /// Every file of `formats`, rendered: file name → contents. Pure; the same analysis gives the same bytes.
    public static func render(_ analysis: CorpusAnalysis, resources: ScoringResources, formats: [ReportFormat],
                              excelBOM: Bool = false, limits: SummaryBuilder.Limits = .init(),
                              provenance: RunProvenance? = nil) -> [(name: String, contents: String)] {
        let stream = ReportStream(memory: ReportStream.Context(analysis: analysis, resources: resources, formats: formats,
                                                               provenance: provenance),
                                  excelBOM: excelBOM, limits: limits)
        // Writing to memory cannot fail.
        try! feed(analysis, into: stream)
        return try! stream.finish().files.map { ($0.name, $0.contents ?? "") }
    }

    /// Writes the files of `formats` into `directory` (created if needed).
    /// - Throws: a `Diagnostic` naming the file that could not be written.
    public static func write(_ analysis: CorpusAnalysis, resources: ScoringResources, to directory: String,
                             formats: [ReportFormat], excelBOM: Bool = false,
                             provenance: RunProvenance? = nil) throws(Diagnostic) -> ReportStream.Result {
        let folder: OutputFolder
        do { folder = try OutputFolder(path: directory) } catch let d as Diagnostic { throw d } catch {
            throw Diagnostic(.error, file: directory, "\(error)")
        }
        return try write(analysis, resources: resources, to: folder, formats: formats, excelBOM: excelBOM, provenance: provenance)
    }

    /// Writes the files of `formats` into a folder already opened, replacing its old reports as
    /// one step when every file is written; on an error the old reports are left as they were.
    public static func write(_ analysis: CorpusAnalysis, resources: ScoringResources, to folder: OutputFolder,
                             formats: [ReportFormat], excelBOM: Bool = false,
                             provenance: RunProvenance? = nil) throws(Diagnostic) -> ReportStream.Result {
        do {
            let stream = try ReportStream(folder: folder,
                                          context: ReportStream.Context(analysis: analysis, resources: resources, formats: formats,
                                                                        provenance: provenance),
                                          excelBOM: excelBOM)
            try feed(analysis, into: stream)
            return try stream.finish()
        } catch {
            folder.abandon()
            throw error
        }
    }

    private static func feed(_ analysis: CorpusAnalysis, into stream: ReportStream) throws(Diagnostic) {
        for part in analysis.documentParts() { try stream.add(ReportStream.render(part, context: stream.context)) }
    }
}

/// Writes the report files of a run while it goes: each document's rows and lines are rendered
/// where it was analysed (`render`, pure) and appended in corpus order (`add`); the aggregates
/// are folded as they come and the reports people read are written by `finish`. Memory holds the
/// running totals and a bounded sample, never the whole corpus.
public final class ReportStream {
    /// What rendering a document needs, known before the first document: calls that repeat
    /// another, the article phrases, the scoring resources and the formats wanted.
    public struct Context: Sendable {
        public let resources: ScoringResources
        /// `document#call` → the call it repeats.
        public let copies: [CallID: DuplicateLink]
        public let referenceNgrams: Set<String>
        public let formats: [ReportFormat]
        /// What the run was made with, for the foot of `report.md` and the `run` line.
        public let provenance: RunProvenance?

        public init(resources: ScoringResources, copies: [CallID: DuplicateLink], referenceNgrams: Set<String>, formats: [ReportFormat],
                    provenance: RunProvenance? = nil) {
            self.resources = resources
            self.copies = copies
            self.referenceNgrams = referenceNgrams
            self.formats = formats
            self.provenance = provenance
        }

        /// The context of an analysis held in memory.
        public init(analysis: CorpusAnalysis, resources: ScoringResources, formats: [ReportFormat], provenance: RunProvenance? = nil) {
            self.init(resources: resources, copies: analysis.duplicateCalls, referenceNgrams: analysis.referenceNgrams, formats: formats,
                      provenance: provenance)
        }
    }

    /// One document's result with its output already rendered.
    public struct Rendered: Sendable {
        public let part: PreparedPart
        let csv: String
        let referralsCSV: String
        let documents: String
        let calls: String
        let answers: String
    }

    /// What a finished stream wrote: each file's name, its path (on disk) or contents (in memory).
    public struct Result: Sendable {
        public let summary: CorpusSummary
        public let files: [(name: String, path: String?, contents: String?)]
    }

    public let context: Context
    /// The folder written into; nil for a stream in memory.
    private let folder: OutputFolder?
    private let excelBOM: Bool
    private var builder: SummaryBuilder
    private let answersCSV: TextSink?
    private let referralsCSV: TextSink?
    private let documentLines: TextSink?
    private let callLines: TextSink?
    private let answerLines: TextSink?

    private var formats: [ReportFormat] { context.formats }

    /// A stream writing into `directory` (created if needed), its files put in place by `finish`.
    /// - Throws: a `Diagnostic` naming the folder or file that cannot be written.
    public convenience init(directory: String, context: Context, excelBOM: Bool = false,
                            limits: SummaryBuilder.Limits = .init()) throws(Diagnostic) {
        let folder: OutputFolder
        do { folder = try OutputFolder(path: directory) } catch let d as Diagnostic { throw d } catch {
            throw Diagnostic(.error, file: directory, "\(error)")
        }
        try self.init(folder: folder, context: context, excelBOM: excelBOM, limits: limits)
    }

    /// A stream writing into the staging folder of `folder`; `finish` replaces the folder's old
    /// reports with the new set in one step. Until then the old reports are untouched.
    public convenience init(folder: OutputFolder, context: Context, excelBOM: Bool = false,
                            limits: SummaryBuilder.Limits = .init()) throws(Diagnostic) {
        try self.init(folder: folder as OutputFolder?, context: context, excelBOM: excelBOM, limits: limits) { name throws(Diagnostic) in
            try TextSink(path: folder.stagingPath(name), budget: folder.budget)
        }
    }

    /// A stream that keeps its files in memory.
    public convenience init(memory context: Context, excelBOM: Bool = false, limits: SummaryBuilder.Limits = .init()) {
        // Sinks in memory cannot fail.
        try! self.init(folder: nil, context: context, excelBOM: excelBOM, limits: limits) { _ in TextSink() }
    }

    /// `sink` opens the partial file of a given name.
    private init(folder: OutputFolder?, context: Context, excelBOM: Bool, limits: SummaryBuilder.Limits,
                 sink: (String) throws(Diagnostic) -> TextSink) throws(Diagnostic) {
        self.folder = folder
        self.context = context
        self.excelBOM = excelBOM
        builder = SummaryBuilder(resources: context.resources, duplicates: context.copies,
                                 referenceNgrams: context.referenceNgrams, limits: limits)
        let csv = context.formats.contains(.csv), json = context.formats.contains(.json)
        answersCSV = csv ? try sink(".answers.csv.partial") : nil
        referralsCSV = csv ? try sink(".referrals.csv.partial") : nil
        documentLines = json ? try sink(".analysis.documents.partial") : nil
        callLines = json ? try sink(".analysis.calls.partial") : nil
        answerLines = json ? try sink(".analysis.answers.partial") : nil
        try answersCSV?.write((excelBOM ? "\u{FEFF}" : "") + CSVReport.row(CSVReport.answerColumns))
        try referralsCSV?.write((excelBOM ? "\u{FEFF}" : "") + CSVReport.row(ReferralReport.columns))
    }

    /// A document's rows and lines; pure, so documents are rendered concurrently.
    public static func render(_ part: CorpusAnalysis, context: Context) -> Rendered {
        let prepared = SummaryBuilder.prepare(part, resources: context.resources, duplicates: context.copies,
                                              referenceNgrams: context.referenceNgrams)
        let csv = context.formats.contains(.csv) ? CSVReport.answerRows(part.answers, copies: context.copies) : ""
        let referrals = context.formats.contains(.csv) ? ReferralReport.csvRows(part.answers, copies: context.copies) : ""
        let lines = context.formats.contains(.json) ? JSONLinesReport.partLines(prepared, copies: context.copies) : (documents: "", calls: "", answers: "")
        return Rendered(part: prepared, csv: csv, referralsCSV: referrals, documents: lines.documents, calls: lines.calls, answers: lines.answers)
    }

    /// Appends the next document, in corpus order.
    public func add(_ r: Rendered) throws(Diagnostic) {
        builder.add(r.part)
        try answersCSV?.write(r.csv)
        try referralsCSV?.write(r.referralsCSV)
        try documentLines?.write(r.documents)
        try callLines?.write(r.calls)
        try answerLines?.write(r.answers)
    }

    /// Writes the remaining files and returns the summary.
    public func finish() throws(Diagnostic) -> Result {
        let summary = builder.finish()
        var files: [(name: String, path: String?, contents: String?)] = []
        func put(_ name: String, _ parts: [Part]) throws(Diagnostic) {
            let staging = folder.map { $0.stagingPath(name) + ".partial" }
            let out = try staging.map { p throws(Diagnostic) in try TextSink(path: p, budget: folder?.budget) } ?? TextSink()
            for p in parts {
                switch p {
                case .text(let t): try out.write(t)
                case .sink(let s): try s.copy(into: out)
                case .lines(let render):
                    // Only the sink's writes can fail, each with its own diagnostic.
                    var failure: Diagnostic?
                    try? render { t in
                        do throws(Diagnostic) { try out.write(t) } catch { failure = error; throw error }
                    }
                    if let failure { throw failure }
                }
            }
            guard let folder, let staging else {
                files.append((name, nil, out.contents))
                return
            }
            try out.close()
            for case .sink(let s) in parts { s.remove() }
            try TextSink.rename(staging, to: folder.stagingPath(name))
            files.append((name, folder.finalPath(name), nil))
        }
        for f in ReportFormat.allCases where formats.contains(f) {
            switch f {
            case .markdown: try put("report.md", [.lines { try MarkdownReport.render(summary, emit: $0) }, .text(MarkdownReport.footer(context.provenance))])
            case .html: try put("report.html", [.lines { try HTMLReport.render(summary, emit: $0) }])
            case .json:
                try put("analysis.jsonl", [.text(JSONLinesReport.runLine(summary, provenance: context.provenance)), .sink(documentLines!), .sink(callLines!),
                                           .sink(answerLines!), .lines { try JSONLinesReport.closingLines(summary, emit: $0) }])
            case .csv:
                try put("answers.csv", [.sink(answersCSV!)])
                try put("officials.csv", [.text((excelBOM ? "\u{FEFF}" : "") + CSVReport.officials(summary))])
                try put("referrals.csv", [.sink(referralsCSV!)])
            }
        }
        // Every file is complete: the new set replaces the old one.
        try folder?.commit(names: files.map(\.name))
        return Result(summary: summary, files: files)
    }

    private enum Part {
        case text(String)
        case sink(TextSink)
        /// Text rendered a piece at a time as it is written.
        case lines((_ emit: (String) throws -> Void) throws -> Void)
    }
}

/// Text appended to a file through a buffer, or kept in memory.
final class TextSink {
    private let handle: FileHandle?
    let path: String?
    private var buffer: [UInt8] = []
    private(set) var contents = ""

    init() {
        handle = nil
        path = nil
        budget = nil
    }

    /// Stands in for a full disk in tests.
    private let budget: OutputFolder.WriteBudget?

    init(path: String, budget: OutputFolder.WriteBudget? = nil) throws(Diagnostic) {
        guard FileManager.default.createFile(atPath: path, contents: nil), let h = FileHandle(forWritingAtPath: path) else {
            throw Diagnostic(.error, file: path, "cannot write the report; check the folder's permissions or choose another with --out")
        }
        handle = h
        self.path = path
        self.budget = budget
        buffer.reserveCapacity(Self.bufferSize)
    }

    func write(_ text: String) throws(Diagnostic) {
        guard handle != nil else {
            contents += text
            return
        }
        // A text larger than the buffer goes to the file as it is: copying it in would leave
        // the buffer that large for the rest of the run.
        if text.utf8.count >= Self.bufferSize {
            try flush()
            var text = text
            try text.withUTF8 { bytes in Result { () throws(Diagnostic) in try put(bytes) } }.get()
            return
        }
        // Written out before it would outgrow its room, the buffer keeps the size it was given.
        if buffer.count + text.utf8.count > Self.bufferSize { try flush() }
        buffer.append(contentsOf: text.utf8)
    }

    /// Bytes gathered before a write to the file.
    static let bufferSize = 1 << 18

    private func flush() throws(Diagnostic) {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBufferPointer { bytes throws(Diagnostic) in try put(bytes) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes `bytes` to the file, through the write budget that stands in for a full disk.
    private func put(_ bytes: UnsafeBufferPointer<UInt8>) throws(Diagnostic) {
        guard let handle, !bytes.isEmpty else { return }
        do {
            if let budget, !budget.spend(bytes.count) { throw POSIXError(.ENOSPC) }
            try handle.write(contentsOf: bytes)
        } catch {
            throw Diagnostic(.error, file: path ?? "", "cannot write the report (\(error.localizedDescription)); check the free space or choose another folder with --out")
        }
    }

    func close() throws(Diagnostic) {
        try flush()
        try? handle?.close()
    }

    /// Appends this sink's whole file to `out`, a chunk at a time.
    func copy(into out: TextSink) throws(Diagnostic) {
        guard handle != nil else { return try out.write(contents) }
        try close()
        guard let path, let reader = FileHandle(forReadingAtPath: path) else { return }
        defer { try? reader.close() }
        try out.flush()
        while let chunk = try? reader.read(upToCount: Self.bufferSize), !chunk.isEmpty {
            try chunk.withUnsafeBytes { raw in Result { () throws(Diagnostic) in try out.put(raw.bindMemory(to: UInt8.self)) } }.get()
        }
    }

    func remove() {
        if let path { try? FileManager.default.removeItem(atPath: path) }
    }

    static func rename(_ from: String, to: String) throws(Diagnostic) {
        if Foundation.rename(from, to) != 0 {
            throw Diagnostic(.error, file: to, "cannot write the report; check the folder's permissions or choose another with --out")
        }
    }
}

/// The note under a list the reports people read cut short.
func moreCallsNote(_ n: Int) -> String {
    n == 1 ? "1 more call is profiled in analysis.jsonl." : "\(n) more calls are profiled in analysis.jsonl."
}

func moreDocumentsNote(_ n: Int) -> String {
    n == 1 ? "1 more document, analysed, is listed in analysis.jsonl." : "\(n) more documents, all analysed, are listed in analysis.jsonl."
}

/// Fixed-point text of a number, the same on every machine and locale.
func fmt(_ x: Double, _ digits: Int = 1) -> String {
    guard x.isFinite else { return "–" }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(24)
    if appendFixed(x, digits: digits, to: &bytes) { return String(decoding: bytes, as: UTF8.self) }
    return formatFixed(x, digits)
}

/// `fmt` through `String(format:)`: the reference the fast path must match, and its fallback.
func formatFixed(_ x: Double, _ digits: Int) -> String {
    guard x.isFinite else { return "–" }
    let v = String(format: "%.\(digits)f", x)
    return v == "-0.0" || v == "-0" ? String(v.dropFirst()) : v
}

func percent(_ share: Double, digits: Int = 0) -> String { fmt(share * 100, digits) + "%" }

func meanText(_ m: MeanInterval?) -> String {
    guard let m else { return "–" }
    return "\(fmt(m.mean)) [\(fmt(m.low))–\(fmt(m.high))]"
}

/// The most frequent deflection codes: detections, then the turns that hold them
/// (`DEFER_ADMIN 31 in 17`), the one counting convention of every report.
func topCodes(_ s: ScoreStatistics, _ n: Int = 3) -> String {
    s.deflections.prefix(n).map { "\($0.code.rawValue) \($0.count) in \($0.turns)" }.joined(separator: ", ")
}

/// How the code counts are written, said once under each report's first table.
let codeCountsNote = "Deflections are given as code, detections, and the official turns that hold them (REFERRAL 5 in 3: five detections in three turns; a turn may hold several)."

/// The interval's level as the reports print it (`95%`).
func levelText(_ level: Double) -> String {
    let p = level * 100
    return (p.rounded() == p ? fmt(p, 0) : fmt(p, 1)) + "%"
}

/// The ranking's mark of an uncertain mean (`⚠ few answers`), empty when there is none.
func cautionText(_ s: ScoreStatistics) -> String {
    let c = RankingCaution.of(s)
    return c.isEmpty ? "" : "⚠ " + c.map(\.rawValue).joined(separator: ", ")
}

/// The headline's counts: what is counted, and what was read but not counted (duplicate copies).
func countsText(_ s: CorpusSummary) -> String {
    let t = s.totals
    let copies = t.duplicateCalls
    var out = "\(t.documents) \(t.documents == 1 ? "document" : "documents") (\(t.analysed) analysed, \(t.skipped) skipped), "
    out += "\(t.calls) \(t.calls == 1 ? "call" : "calls") (\(copies) duplicate \(copies == 1 ? "copy" : "copies") counted once), "
    out += "\(s.overall.answers) official answers counted, \(s.overall.graded) graded"
    let uncounted = t.answers - s.overall.answers
    if uncounted > 0 { out += " (\(t.answers) official turns read; the \(uncounted) in duplicate copies are listed, not counted)" }
    return out + "."
}

func orientationText(_ o: OrientationProfile) -> String {
    "gov \(fmt(o.authorityPer1000)) / workers \(fmt(o.grassrootsPer1000))"
}

func statusText(_ s: DocumentStatus) -> String {
    switch s {
    case .analysed: "analysed"
    case .skipped(let reason): "skipped: \(reason)"
    case .unread(let reason): "not read as a transcript: \(reason)"
    }
}

/// `document#call` of the call a call repeats, looked up once per call rather than per answer
/// (answers come call by call).
struct DuplicateLookup {
    private let copies: [CallID: DuplicateLink]
    private var last: (document: String, call: Int, original: String?)?

    init(_ copies: [CallID: DuplicateLink]) { self.copies = copies }

    mutating func of(document: String, call: Int) -> String? {
        if let last, last.call == call, last.document == document { return last.original }
        let original = copies.isEmpty ? nil : copies[CallID(document: document, call: call)].map { $0.originalID.description }
        last = (document, call, original)
        return original
    }
}
