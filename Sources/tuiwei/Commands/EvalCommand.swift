import Foundation
import TuiweiCore
import TuiweiLexicon
import TuiweiPipeline
import TuiweiScoring
import TuiweiTranscript

/// `tuiwei eval --gold GOLD`: detection compared with human judgements, code by code.
enum EvalCommand: Command {
    static let spec = CommandSpec(
        name: "eval",
        synopsis: "tuiwei eval --gold GOLD [CORPUS…] [--json]",
        summary: "Compare detected codes and predicted grades with gold judgements: per-code precision, recall, F1; grade agreement.",
        options: LexiconOptions.specs + [
            .value("--gold", "GOLD", "Gold file (.jsonl, one object per official turn) or folder of them; repeatable.", repeatable: true),
            .flag("--json", "End with one JSON line: codes_micro_f1, deflection_micro_f1, deflection_precision, deflection_recall, per_code, aligned, misaligned, grade_qwk, grade_spearman, grade_exact, grade_within_one, grade_confusion."),
        ],
        details: """
            Gold records are matched to parsed turns by document, call and official-turn index, and
            checked against their 'starts' text; records that do not match are listed, not used.
            A code counts once per turn. Lists every false positive (with the lexicon entry that
            fired) and false negative (with the annotator's evidence). CORPUS defaults to corpus/.
            Exit status 1 when some gold records could not be aligned.
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
        let detection = engine.detection
        let documents = TranscriptReader.readDocuments(at: try CorpusArguments.paths(args.positional))
        let alignment = GoldAlignment(gold: gold, documents: documents)
        var byCall: [String: [Int: [Detection]]] = [:]
        let report = GoldEvaluation.evaluate(alignment) { a in
            let key = "\(a.document.id)#\(a.call.index)"
            if byCall[key] == nil { byCall[key] = detection.detect(in: a.call) }
            return byCall[key]?[a.turn.index] ?? []
        }
        print(render(report))
        let grades = engine.gradeAgreement(alignment)
        print(renderGrades(grades.agreement))
        if args.flag("--json") {
            var object = report.jsonObject
            for (key, value) in grades.agreement.jsonFields { object[key] = value.isFinite ? (value * 10000).rounded() / 10000 : NSNull() }
            object["grade_confusion"] = grades.agreement.confusion
            object["graded"] = grades.agreement.count
            if let provenance = engine.provenance { object["provenance"] = provenance.jsonObject }
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
        }
        return report.misaligned.isEmpty ? ExitStatus.ok : ExitStatus.partial
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

    static func render(_ r: GoldEvaluationReport) -> String {
        func f(_ v: Double?) -> String { v.map { String(format: "%.3f", $0) } ?? "  -  " }
        var s = "aligned turns: \(r.aligned), misaligned: \(r.misaligned.count)\n"
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
