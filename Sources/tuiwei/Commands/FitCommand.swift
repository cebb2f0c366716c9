import Foundation
#if canImport(Glibc)
import Glibc
#endif
import TuiweiCore
import TuiweiFit
import TuiweiPipeline
import TuiweiAggregates
import TuiweiScoring
import TuiweiTranscript

/// `tuiwei fit --gold GOLD… --out FILE`: the grade weights fitted to human grades.
enum FitCommand: Command {
    static let spec = CommandSpec(
        name: "fit",
        synopsis: "tuiwei fit --gold GOLD… [CORPUS…] --out FILE [--force] [--ridge X] [--prior FILE]",
        summary: "Fit the grade model's weights to gold grades; write a weights file and print leave-one-document-out agreement.",
        options: LexiconOptions.specs + [LexiconOptions.weights] + [
            .value("--gold", "GOLD", "Gold file (.jsonl) or folder of them; repeatable.", repeatable: true),
            .value("--out", "FILE", "Where to write the fitted weights (the format of lexicons/scoring/weights.tsv)."),
            .flag("--force", "Replace FILE if it exists."),
            .value("--ridge", "X", "Pull of each weight towards the prior (default 3; 0 to 1000). Larger keeps them closer."),
            .value("--prior", "FILE", "Weights to start from and pull towards (default: the weights in use; the shipped fit uses lexicons/scoring/prior.tsv)."),
        ],
        details: """
            Each gold-graded official turn is scored as analyze scores it, and its features (the codes
            found, the kind of question and answer, content, events) are fitted to the gold grade with
            an ordinal logistic model, its weights pulled towards the weights in use so that a code the
            gold never shows keeps its weight (--prior names those weights; by default the ones in use). The fitted model is written as a weights file whose
            grade thresholds lie at 20 and 80 and whose scores reproduce the model's grades. The
            figures printed: agreement before fitting, on the gold it was fitted to, and with each
            document graded by weights fitted on the other documents (leave one document out) — the
            figure to expect on new material. CORPUS defaults to corpus/.
            """)

    static func run(_ args: ParsedArguments) async throws -> Int32 {
        let goldPaths = args.all("--gold")
        guard !goldPaths.isEmpty else { throw UsageError(message: "--gold GOLD is required") }
        guard let out = args.value("--out") else { throw UsageError(message: "--out FILE is required: where to write the fitted weights") }
        if FileManager.default.fileExists(atPath: out), !args.flag("--force") {
            throw UsageError(message: "\(out) exists; give --force to replace it, or another --out")
        }
        var ridge = 3.0
        if let text = args.value("--ridge") {
            guard let r = Double(text), r >= 0, r <= 1000 else { throw UsageError(message: "--ridge takes a number from 0 to 1000, not '\(text)'") }
            ridge = r
        }
        let gold: [GoldRecord]
        do { gold = try GoldReader.read(paths: goldPaths) } catch {
            printError(error.description)
            return ExitStatus.dataError
        }
        var engine = try LexiconOptions.engine(args)
        if let prior = args.value("--prior") {
            do { engine = engine.with(weights: try ScoringWeights.load(path: prior)) } catch {
                printError(error.description)
                return ExitStatus.dataError
            }
        }
        let documents = TranscriptReader.readDocuments(at: try CorpusArguments.paths(args.positional), conventions: engine.conventions)
        let alignment = GoldAlignment(gold: gold, documents: documents)
        let report = engine.fitGrades(alignment, ridge: ridge)
        let turns = report.documents.reduce(0) { $0 + $1.turns }
        guard turns > 0 else {
            printError("no gold grades could be aligned with the corpus; check that CORPUS holds the gold's documents")
            return ExitStatus.dataError
        }
        func line(_ name: String, _ g: GradeAgreement) -> String {
            func f(_ v: Double) -> String { v.isFinite ? String(format: "%.3f", v) : "-" }
            return "\(name)  QWK \(f(g.quadraticKappa))  Spearman \(f(g.spearman))  exact \(f(g.exact))  within one \(f(g.withinOne))  (\(g.count) turns)"
        }
        let summary = [
            "fitted on \(turns) gold-graded turns of \(report.documents.count) document(s), ridge \(report.ridge)",
            line("weights in use          ", report.before),
            line("fitted, on its own gold ", report.training),
            line("leave one document out  ", report.crossValidated),
        ]
        let cwd = FileManager.default.currentDirectoryPath + "/"
        let start = engine.scoring.weights.source
        let startName = start.hasPrefix(cwd) ? String(start.dropFirst(cwd.count)) : start
        let header = ["Responsiveness score weights, fitted by `tuiwei fit` to the grades of \(turns) gold turns in \(report.documents.count) document(s)",
                      "(ridge \(report.ridge), starting from \(startName)). Leave-one-document-out agreement:",
                      String(format: "QWK %.3f, Spearman %.3f, exact %.3f, within one %.3f.", report.crossValidated.quadraticKappa,
                             report.crossValidated.spearman, report.crossValidated.exact, report.crossValidated.withinOne),
                      "One feature per line: name<TAB>value. Described in lexicons/README.md; refit with the command in README.md."]
        let text = GradeFit.render(report.weights, header: header)
        // Written beside the target and renamed over it, so a failed write leaves the old file whole.
        let temporary = out + ".partial-\(getpid())"
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
            guard rename(temporary, out) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            printError("\(out): cannot write the fitted weights: \(error.localizedDescription)")
            return ExitStatus.dataError
        }
        print(summary.joined(separator: "\n"))
        for d in report.documents { print("  \(d.document)\t\(d.turns) turns") }
        printError("wrote \(out)")
        return ExitStatus.ok
    }
}
