import Foundation
import TuiweiCore
import TuiweiLexicon
import TuiweiPipeline
import TuiweiAggregates
import TuiweiScoring
import TuiweiTranscript

/// `tuiwei eval --gold GOLD`: detection compared with human judgements, code by code.
enum EvalCommand: Command {
    static let spec = CommandSpec(
        name: "eval",
        synopsis: "tuiwei eval --gold GOLD [CORPUS…] [--json]",
        summary: "Compare detected codes and predicted grades with gold judgements: per-code precision, recall, F1; grade agreement.",
        options: LexiconOptions.specs + [LexiconOptions.weights] + [
            .value("--gold", "GOLD", "Gold file (.jsonl, one object per official turn) or folder of them; repeatable.", repeatable: true),
            .flag("--json", "End with one JSON line: codes_micro_f1, deflection_micro_f1, deflection_precision, deflection_recall, per_code, per_document, aligned, misaligned, realigned, grade_qwk, grade_spearman, grade_exact, grade_within_one, grade_confusion."),
        ],
        details: """
            GOLD and CORPUS may name many files and folders. Within a document, each gold file's
            records are matched in order to the official turns that begin with their 'starts' text
            (white space and punctuation ignored), call and official-turn index only breaking ties,
            so a turn missing from the gold or from the parse misaligns only itself; records that do
            not match are listed with the reason, not used. A code counts once per turn. Figures are
            pooled over every aligned turn and, with several documents, given per document. Lists
            every false positive (with the lexicon entry that fired) and false negative (with the
            annotator's evidence). CORPUS defaults to corpus/. Exit status 1 when some gold records
            could not be aligned or a document could not be read.
            """)

    static func run(_ args: ParsedArguments) async throws -> Int32 {
        let goldPaths = args.all("--gold")
        guard !goldPaths.isEmpty else { throw UsageError(message: "--gold GOLD is required") }
        let gold: [GoldRecord]
        do { gold = try GoldReader.read(paths: goldPaths) } catch {
            printError(error.description)
            return ExitStatus.dataError
        }
        let engine = try LexiconOptions.engine(args)
        let documents = TranscriptReader.readDocuments(at: try CorpusArguments.paths(args.positional), conventions: engine.conventions)
        let unread = CorpusArguments.reportUnread(documents, command: "eval")
        let alignment = GoldAlignment(gold: gold, documents: documents)
        let report = GoldEvaluation.evaluate(alignment, detect: engine.reportedDetections(alignment))
        print(render(report))
        let grades = engine.gradeAgreement(alignment)
        print(renderGrades(grades.agreement))
        let gradesByDocument = Dictionary(grouping: grades.turns, by: \.record.document).mapValues {
            GradeAgreement.compute(gold: $0.map(\.record.grade), predicted: $0.map(\.predicted))
        }
        if report.documents.count > 1 { print(renderDocuments(report, grades: gradesByDocument)) }
        if args.flag("--json") {
            var object = report.jsonObject
            func num(_ v: Double) -> Any { v.isFinite ? (v * 10000).rounded() / 10000 : NSNull() }
            for (key, value) in grades.agreement.jsonFields { object[key] = num(value) }
            object["grade_confusion"] = grades.agreement.confusion
            object["graded"] = grades.agreement.count
            if var perDocument = object["per_document"] as? [String: [String: Any]] {
                for (doc, g) in gradesByDocument {
                    for (key, value) in g.jsonFields { perDocument[doc]?[key] = num(value) }
                    perDocument[doc]?["graded"] = g.count
                }
                object["per_document"] = perDocument
            }
            if let provenance = engine.provenance { object["provenance"] = provenance.jsonObject }
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
        }
        return report.misaligned.isEmpty && !unread ? ExitStatus.ok : ExitStatus.partial
    }

    static func renderGrades(_ g: GradeAgreement) -> String {
        func f(_ v: Double) -> String { v.isFinite ? String(format: "%.3f", v) : "-" }
        return """

            grade agreement over \(g.count) turns graded by both (\(g.gradedMismatch) graded by one side only):
              quadratic-weighted kappa \(f(g.quadraticKappa)), Spearman \(f(g.spearman)), exact \(f(g.exact)), within one \(f(g.withinOne))
            confusion (rows: gold grade, columns: predicted grade):
            \(g.confusionTable)
            """
    }

    /// One line per document: its deflection and all-code figures and its grade agreement.
    static func renderDocuments(_ r: GoldEvaluationReport, grades: [String: GradeAgreement]) -> String {
        func f(_ v: Double?) -> String { v.map { String(format: "%.3f", $0) } ?? "  -  " }
        var s = "\nper document (deflection tp/fp/fn, precision, recall, F1; all-codes F1; grade QWK over the turns graded by both):\n"
        s += "aligned  missed   tp   fp   fn  precision  recall     f1  all f1    qwk  graded  document\n"
        for d in r.documents {
            let g = grades[d.document]
            s += String(d.aligned).leftPad(7) + String(d.misaligned).leftPad(8)
                + [d.deflection.truePositives, d.deflection.falsePositives, d.deflection.falseNegatives].map { String($0).leftPad(5) }.joined()
                + "      " + f(d.deflection.precision) + "   " + f(d.deflection.recall) + "  " + f(d.deflection.f1)
                + "   " + f(d.allCodes.f1) + "  " + f(g.flatMap { $0.count > 0 ? $0.quadraticKappa : nil })
                + String(g?.count ?? 0).leftPad(8) + "  " + d.document + "\n"
        }
        s += "pooled over \(r.documents.count) documents: deflection F1 \(f(r.deflection.f1)), all-codes F1 \(f(r.allCodes.f1))\n"
        return s
    }

    static func render(_ r: GoldEvaluationReport) -> String {
        func f(_ v: Double?) -> String { v.map { String(format: "%.3f", $0) } ?? "  -  " }
        var s = "aligned turns: \(r.aligned), misaligned: \(r.misaligned.count)"
            + (r.realigned > 0 ? " (\(r.realigned) aligned by their text at another call or turn than their record names)" : "") + "\n"
        for m in r.misaligned { s += "  misaligned \(m.file):\(m.line): \(m.document) call \(m.call) turn \(m.turn): \(m.reason)\n" }
        s += "\n" + "code".padding(toLength: 18, withPad: " ", startingAt: 0) + "   tp   fp   fn  precision  recall     f1\n"
        func row(_ name: String, _ m: CodeMetrics) -> String {
            name.padding(toLength: 18, withPad: " ", startingAt: 0)
                + [m.truePositives, m.falsePositives, m.falseNegatives].map { String($0).leftPad(5) }.joined()
                + "      " + f(m.precision) + "   " + f(m.recall) + "  " + f(m.f1) + "\n"
        }
        for c in Code.allCases { s += row(c.rawValue, r.perCode[c] ?? CodeMetrics()) }
        s += row("deflection (micro)", r.deflection)
        s += row("all codes (micro)", r.allCodes)
        if !r.falsePositives.isEmpty {
            s += "\nfalse positives:\n"
            for d in r.falsePositives {
                s += "  \(d.document) call \(d.call) turn \(d.turn) \(d.code.rawValue): \(d.text)  [\(d.rule ?? "")]\n"
            }
        }
        if !r.falseNegatives.isEmpty {
            s += "\nfalse negatives:\n"
            for d in r.falseNegatives {
                s += "  \(d.document) call \(d.call) turn \(d.turn) \(d.code.rawValue): \(d.text)\n"
            }
        }
        return s
    }
}
