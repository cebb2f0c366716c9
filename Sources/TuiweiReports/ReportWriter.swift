import Foundation
import TuiweiCore
import TuiweiScoring

/// The files `tuiwei analyze` can write.
public enum ReportFormat: String, Sendable, Hashable, CaseIterable {
    /// `report.md`
    case markdown = "md"
    /// `report.html`
    case html
    /// `analysis.jsonl`
    case json
    /// `answers.csv` and `officials.csv`
    case csv

    /// The file names this format produces.
    public var fileNames: [String] {
        switch self {
        case .markdown: ["report.md"]
        case .html: ["report.html"]
        case .json: ["analysis.jsonl"]
        case .csv: ["answers.csv", "officials.csv"]
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

/// Renders and writes the report files of a run.
public enum ReportWriter {
    /// Every file of `formats`, rendered: file name → contents. Pure; the same summary gives the same bytes.
    public static func render(_ summary: CorpusSummary, formats: [ReportFormat], excelBOM: Bool = false) -> [(name: String, contents: String)] {
        var out: [(String, String)] = []
        for f in ReportFormat.allCases where formats.contains(f) {
            switch f {
            case .markdown: out.append(("report.md", MarkdownReport.render(summary)))
            case .html: out.append(("report.html", HTMLReport.render(summary)))
            case .json: out.append(("analysis.jsonl", JSONLinesReport.render(summary)))
            case .csv:
                let bom = excelBOM ? "\u{FEFF}" : ""
                out.append(("answers.csv", bom + CSVReport.answers(summary)))
                out.append(("officials.csv", bom + CSVReport.officials(summary)))
            }
        }
        return out
    }

    /// Writes the files of `formats` into `directory` (created if needed) and returns their paths.
    /// - Throws: a `Diagnostic` naming the file that could not be written.
    @discardableResult
    public static func write(_ summary: CorpusSummary, to directory: String, formats: [ReportFormat], excelBOM: Bool = false) throws(Diagnostic) -> [String] {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw Diagnostic(.error, file: directory, "cannot create the output folder (\(error.localizedDescription)); choose another with --out")
        }
        var paths: [String] = []
        for (name, contents) in render(summary, formats: formats, excelBOM: excelBOM) {
            let path = (directory as NSString).appendingPathComponent(name)
            do {
                try Data(contents.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw Diagnostic(.error, file: path, "cannot write the report (\(error.localizedDescription)); check the folder's permissions or choose another with --out")
            }
            paths.append(path)
        }
        return paths
    }
}

/// Fixed-point text of a number, the same on every machine and locale.
func fmt(_ x: Double, _ digits: Int = 1) -> String {
    guard x.isFinite else { return "–" }
    let v = String(format: "%.\(digits)f", x)
    return v == "-0.0" || v == "-0" ? String(v.dropFirst()) : v
}

func percent(_ share: Double, digits: Int = 0) -> String { fmt(share * 100, digits) + "%" }

func meanText(_ m: MeanInterval?) -> String {
    guard let m else { return "–" }
    return "\(fmt(m.mean)) [\(fmt(m.low))–\(fmt(m.high))]"
}

func topCodes(_ s: ScoreStatistics, _ n: Int = 3) -> String {
    s.deflections.prefix(n).map { "\($0.code.rawValue) \($0.count)" }.joined(separator: ", ")
}

func orientationText(_ o: OrientationProfile) -> String {
    "gov \(fmt(o.authorityPer1000)) / workers \(fmt(o.grassrootsPer1000))"
}

func statusText(_ s: DocumentStatus) -> String {
    switch s {
    case .analysed: "analysed"
    case .skipped(let reason): "skipped: \(reason)"
    }
}
