import Foundation
import TuiweiCore
import TuiweiAggregates
import TuiweiScoring

/// `report.md`: the ranking of officials, organisations, a profile of every call with its most
/// telling quotes, and every input document with its status.
public enum MarkdownReport {
    public static func render(_ s: CorpusSummary) -> String {
        var out = ""
        render(s) { out += $0 }
        return out
    }

    /// The report handed to `emit` a section at a time.
    public static func render(_ s: CorpusSummary, emit: (String) throws -> Void) rethrows {
        try emit(headline(s))
        try emit(officialsTable(s))
        try emit(organisationsTable(s))
        try emit(ReferralReport.markdown(s))
        try emit(callProfiles(s))
        try emit(documentsTable(s))
    }

    /// The short form for a terminal: headline, ranking of officials and any skipped documents.
    public static func summary(_ s: CorpusSummary) -> String {
        var out = headline(s) + officialsTable(s)
        if !s.skipped.isEmpty {
            out += "\nSkipped:\n\n" + s.skipped.map { "- \($0.path): \(statusText($0.status))\n" }.joined()
        }
        return out
    }

    static func headline(_ s: CorpusSummary) -> String {
        var out = "# Tuiwei responsiveness report\n\n"
        out += countsText(s) + " "
        out += "Mean score \(meanText(s.overall.mean)); non-answers (grade 0) \(percent(s.overall.nonAnswerShare)).\n\n"
        out += "Scores run 0–100 (grade 0 = no answer … 3 = answers directly with substance); brackets give the \(levelText(s.intervalLevel)) bootstrap interval. "
        out += "Turns are numbered from 1 in every output: `turn` among all turns of the call, `official turn` among its official turns. "
        out += codeCountsNote + " "
        out += "⚠ marks a mean from fewer than \(RankingCaution.fewAnswersBelow) graded answers or with an interval wider than \(fmt(RankingCaution.wideIntervalAbove, 0)) points.\n\n"
        return out
    }

    static func officialsTable(_ s: CorpusSummary) -> String {
        var out = "## Officials, least responsive first\n\n"
        out += "| # | organisation | department | surname | calls | answers | mean score [CI] | caution | % non-answers | top deflections (detections in turns) | orientation per 1,000 chars | boilerplate |\n"
        out += "|---|---|---|---|---:|---:|---|---|---:|---|---|---|\n"
        for (i, o) in s.officials.enumerated() {
            let st = o.statistics
            let bp = o.boilerplate.topPhrases.first.map { " (\($0.phrase))" } ?? ""
            out += "| \(i + 1) | \(cell(o.official.organisation)) | \(cell(o.official.department ?? "–")) | \(cell(o.official.surname ?? "–")) "
            out += "| \(st.calls) | \(st.answers) | \(meanText(st.mean)) | \(cautionText(st)) | \(percent(st.nonAnswerShare)) | \(cell(topCodes(st))) "
            out += "| \(orientationText(o.orientation)) | \(percent(o.boilerplate.index, digits: 1))\(cell(bp)) |\n"
        }
        return out
    }

    static func organisationsTable(_ s: CorpusSummary) -> String {
        var out = ""
        if !s.organisations.isEmpty {
            out += "\n## Organisations\n\n| organisation | officials | calls | answers | mean score [CI] | % non-answers | hang-ups |\n|---|---:|---:|---:|---|---:|---:|\n"
            for o in s.organisations {
                out += "| \(cell(o.organisation)) | \(o.officials) | \(o.statistics.calls) | \(o.statistics.answers) | \(meanText(o.statistics.mean)) | \(percent(o.statistics.nonAnswerShare)) | \(o.statistics.hangUps) |\n"
            }
        }
        return out
    }

    static func callProfiles(_ s: CorpusSummary) -> String {
        var out = "\n## Calls\n"
        for c in s.calls {
            let st = c.statistics
            out += "\n### \(c.entry.document), call \(c.entry.call)"
            if let h = c.entry.header { out += " — \(h.trimmingCharacters(in: .whitespaces))" }
            out += "\n\n"
            if let d = c.duplicateOf {
                out += "Repeats \(d.original) call \(d.originalCall) (\(percent(d.containment)) of its official speech found there); counted there, not here.\n\n"
            }
            out += "\(st.answers) official turns, \(st.graded) graded; mean score \(meanText(st.mean)); grades 0/1/2/3: \(st.gradeCounts.map(String.init).joined(separator: "/"))"
            if let f = st.firstThird, let l = st.lastThird { out += "; first third \(fmt(f)) → last third \(fmt(l))" }
            let hangs = c.entry.events.filter { $0 == .hangUp }.count
            if hangs > 0 { out += "; ended by a hang-up" }
            out += ".\n"
            if !st.deflections.isEmpty { out += "Deflections (detections in turns): \(topCodes(st, 6)).\n" }
            if let r = c.entry.respondents {
                out += "Respondents, who speak for no body (listed, not scored or ranked): \(r.joined(separator: ", ")).\n"
            }
            if !c.quotes.isEmpty {
                out += "\nMost telling quotes:\n\n"
                for q in c.quotes {
                    let quoted = q.text.range(of: q.evidence).map { q.text.replacingCharacters(in: $0, with: "**\(q.evidence)**") } ?? q.text
                    let asked = q.question.isEmpty ? "(no question before it)" : "“\(cell(q.question))”"
                    out += "- Q: \(asked)\n  A: “\(cell(quoted))” — \(q.code.rawValue) — official turn \(q.officialTurn), \(q.location.document):\(q.location.line)\n"
                }
            }
        }
        if s.totals.calls > s.calls.count {
            out += "\n" + moreCallsNote(s.totals.calls - s.calls.count) + "\n"
        }
        return out
    }

    static func documentsTable(_ s: CorpusSummary) -> String {
        var out = "\n## Documents\n\n| document | path | kind | status | calls | encoding |\n|---|---|---|---|---:|---|\n"
        for d in s.listedDocuments {
            out += "| \(cell(d.id)) | \(cell(d.path)) | \(d.kind.rawValue) | \(cell(statusText(d.status))) | \(d.calls) | \(d.encoding ?? "–") |\n"
        }
        if s.unlistedDocuments > 0 { out += "\n" + moreDocumentsNote(s.unlistedDocuments) + "\n" }
        return out
    }

    /// The excerpt of a `report.md` that README shows as its sample: the headline, the ranking of
    /// officials and the first call's profile, with `…` where sections are left out. Taken from the
    /// rendered text, so the sample is exactly what a run writes.
    public static func readmeExcerpt(of report: String) -> String {
        let sections = report.components(separatedBy: "\n## ")
        guard let head = sections.first else { return report }
        var out = head.trimmingCharacters(in: .newlines) + "\n"
        if let officials = sections.first(where: { $0.hasPrefix("Officials") }) {
            out += "\n## " + officials.trimmingCharacters(in: .newlines) + "\n"
        }
        if let calls = sections.first(where: { $0.hasPrefix("Calls\n") }) {
            let parts = calls.components(separatedBy: "\n### ")
            if parts.count > 1 {
                out += "\n…\n\n## Calls\n\n### " + parts[1].trimmingCharacters(in: .newlines) + "\n"
            }
        }
        return out + "\n…\n"
    }

    /// The last line: which release and which data files made the report, so it can be traced.
    public static func footer(_ p: RunProvenance?) -> String {
        guard let p else { return "" }
        return "\n---\n\nMade with \(p.summary).\n"
    }

    /// A table cell: pipes escaped, line breaks flattened.
    static func cell(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
