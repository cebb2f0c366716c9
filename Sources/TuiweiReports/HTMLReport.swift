import Foundation
import TuiweiCore
import TuiweiScoring

/// `report.html`: one self-contained page (inline CSS and SVG, no scripts, no external assets),
/// written as well-formed XHTML-compatible markup so that any XML parser can read it back.
public enum HTMLReport {
    /// Section ids, in page order.
    public static let sections = ["summary", "officials", "deflections", "referrals", "calls", "answers", "documents"]

    /// One colour per deflection code, stable across runs.
    static let colours: [Code: String] = {
        let palette = ["#c0392b", "#e67e22", "#f1c40f", "#8e44ad", "#2980b9", "#16a085",
                       "#7f8c8d", "#d35400", "#27ae60", "#e84393", "#34495e", "#000000"]
        var out: [Code: String] = [:]
        for (i, c) in Code.deflections.enumerated() { out[c] = palette[i % palette.count] }
        out[.hedge] = "#bdc3c7"
        out[.backchannel] = "#ecf0f1"
        for c in [Code.direct, .specific, .acknowledge, .commit] { out[c] = "#2ecc71" }
        return out
    }()

    public static func render(_ s: CorpusSummary) -> String {
        var h = """
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
        <head>
        <meta charset="utf-8" />
        <title>Tuiwei responsiveness report</title>
        <style>
        \(css)
        </style>
        </head>
        <body>

        """
        h += "<h1>Tuiwei responsiveness report</h1>\n"
        h += "<nav>" + sections.map { "<a href=\"#\($0)\">\($0)</a>" }.joined(separator: " · ") + "</nav>\n"
        h += summarySection(s)
        h += officialsSection(s)
        h += deflectionsSection(s)
        h += ReferralReport.htmlSection(s)
        h += callsSection(s)
        h += answersSection(s)
        h += documentsSection(s)
        h += "</body>\n</html>\n"
        return h
    }

    // MARK: Sections

    static func summarySection(_ s: CorpusSummary) -> String {
        let t = s.totals
        let copies = t.duplicateCalls
        var h = "<section id=\"summary\">\n<h2>Summary</h2>\n<p>"
        h += "\(t.documents) documents (\(t.analysed) analysed, \(t.skipped) skipped), "
        h += "\(t.calls) calls (\(copies) duplicate \(copies == 1 ? "copy" : "copies") counted once), "
        h += "\(s.overall.answers) official answers, \(s.overall.graded) graded. Mean score <b>\(esc(meanText(s.overall.mean)))</b>; "
        h += "non-answers (grade 0) \(percent(s.overall.nonAnswerShare)). Grades 0/1/2/3: "
        h += s.overall.gradeCounts.map(String.init).joined(separator: "/") + ".</p>\n"
        h += "<p class=\"note\">Scores run 0–100; grade 0 = does not answer … 3 = answers directly with substance. Intervals are 95% bootstrap intervals of the mean.</p>\n"
        if !s.organisations.isEmpty {
            h += "<table>\n<thead><tr><th>organisation</th><th>officials</th><th>calls</th><th>answers</th><th>mean score [CI]</th><th>% non-answers</th><th>hang-ups</th></tr></thead>\n<tbody>\n"
            for o in s.organisations {
                let st = o.statistics
                h += "<tr><td>\(esc(o.organisation))</td><td class=\"n\">\(o.officials)</td><td class=\"n\">\(st.calls)</td><td class=\"n\">\(st.answers)</td>"
                h += "<td>\(esc(meanText(st.mean)))</td><td class=\"n\">\(percent(st.nonAnswerShare))</td><td class=\"n\">\(st.hangUps)</td></tr>\n"
            }
            h += "</tbody>\n</table>\n"
        }
        h += "</section>\n"
        return h
    }

    static func officialsSection(_ s: CorpusSummary) -> String {
        var h = "<section id=\"officials\">\n<h2>Officials, least responsive first</h2>\n"
        h += ciChart(s.officials)
        h += "<table>\n<thead><tr><th>#</th><th>organisation</th><th>department</th><th>surname</th><th>calls</th><th>answers</th>"
        h += "<th>mean score [CI]</th><th>% non-answers</th><th>top deflections</th><th>orientation per 1,000 chars</th><th>boilerplate</th></tr></thead>\n<tbody>\n"
        for (i, o) in s.officials.enumerated() {
            let st = o.statistics
            let phrases = o.boilerplate.topPhrases.prefix(3).map { "\($0.phrase) ×\($0.count)" }.joined(separator: "; ")
            h += "<tr><td>\(i + 1)</td><td>\(esc(o.official.organisation))</td><td>\(esc(o.official.department ?? "–"))</td>"
            h += "<td>\(esc(o.official.surname ?? "–"))</td><td class=\"n\">\(st.calls)</td><td class=\"n\">\(st.answers)</td>"
            h += "<td>\(esc(meanText(st.mean)))</td><td class=\"n\">\(percent(st.nonAnswerShare))</td><td>\(esc(topCodes(st)))</td>"
            let terms = o.orientation.topTerms.prefix(4).map { "\($0.term) ×\($0.count)" }.joined(separator: "; ")
            h += "<td>\(esc(orientationText(o.orientation)))"
            if !terms.isEmpty { h += "<br /><small>\(esc(terms))</small>" }
            h += "</td><td>\(percent(o.boilerplate.index, digits: 1))"
            if !phrases.isEmpty { h += "<br /><small>\(esc(phrases))</small>" }
            h += "</td></tr>\n"
        }
        h += "</tbody>\n</table>\n</section>\n"
        return h
    }

    static func deflectionsSection(_ s: CorpusSummary) -> String {
        var h = "<section id=\"deflections\">\n<h2>Deflection profiles</h2>\n"
        h += "<p class=\"note\">Deflection detections per answer of each official, stacked by code.</p>\n"
        h += stackedChart(s.officials)
        h += "</section>\n"
        return h
    }

    static func callsSection(_ s: CorpusSummary) -> String {
        var h = "<section id=\"calls\">\n<h2>Calls</h2>\n"
        // Each call's section (its chart above all) is drawn on every core, then joined in order.
        h += concurrentMap(s.calls.count) { i in
            let c = s.calls[i]
            var h = ""
            let st = c.statistics
            h += "<div class=\"call\">\n<h3>\(esc(c.entry.document)), call \(c.entry.call)"
            if let header = c.entry.header { h += " — \(esc(header.trimmingCharacters(in: .whitespaces)))" }
            h += "</h3>\n"
            if let d = c.duplicateOf {
                h += "<p class=\"dup\">Repeats \(esc(d.original)) call \(d.originalCall); counted there, not here.</p>\n"
            }
            h += "<p>\(st.answers) official turns, \(st.graded) graded; mean score \(esc(meanText(st.mean))); grades 0/1/2/3: "
            h += st.gradeCounts.map(String.init).joined(separator: "/")
            if let f = st.firstThird, let l = st.lastThird { h += "; first third \(fmt(f)) → last third \(fmt(l))" }
            if c.entry.events.contains(.hangUp) { h += "; ended by a hang-up" }
            h += ".</p>\n"
            h += seriesChart(c, thresholds: s.gradeThresholds)
            if !c.quotes.isEmpty {
                h += "<ul class=\"quotes\">\n"
                for q in c.quotes {
                    let quoted = q.text.range(of: q.evidence).map {
                        esc(String(q.text[..<$0.lowerBound])) + "<mark class=\"d\">\(esc(q.evidence))</mark>" + esc(String(q.text[$0.upperBound...]))
                    } ?? esc(q.text)
                    h += "<li><q lang=\"zh-Hans\">\(quoted)</q> <span class=\"code\" style=\"background:\(colours[q.code] ?? "#999")\">\(q.code.rawValue)</span> "
                    h += "<span class=\"loc\">\(esc(q.location.document)):\(q.location.line)</span></li>\n"
                }
                h += "</ul>\n"
            }
            h += "</div>\n"
            return h
        }.joined()
        if s.totals.calls > s.calls.count {
            h += "<p class=\"note\">" + moreCallsNote(s.totals.calls - s.calls.count) + "</p>\n"
        }
        h += "</section>\n"
        return h
    }

    /// Rows of the answer-by-answer table; a larger corpus's page would be too big to open, and
    /// answers.csv and analysis.jsonl hold every answer.
    static func answersSection(_ s: CorpusSummary) -> String {
        var h = "<section id=\"answers\">\n<h2>Answers</h2>\n"
        let total = s.totals.answers, limit = s.answers.count
        if total > limit {
            h += "<p class=\"note\">The table shows the first \(limit) of \(total) answers, in corpus order; answers.csv and analysis.jsonl hold them all.</p>\n"
        }
        h += "<table class=\"answers\">\n"
        h += "<thead><tr><th>document</th><th>call</th><th>turn</th><th>line</th><th>speaker</th><th>score</th><th>grade</th><th>codes</th><th>answer (evidence highlighted)</th></tr></thead>\n<tbody>\n"
        let copies = s.duplicates
        h += concurrentMap(s.answers.count) { i in
            let a = s.answers[i]
            return answerRow(a, duplicate: copies["\(a.score.document)#\(a.score.call)"] != nil)
        }.joined()
        h += "</tbody>\n</table>\n</section>\n"
        return h
    }

    static func answerRow(_ a: ScoredAnswer, duplicate: Bool) -> String {
        let sc = a.score
        var h = TextBytes(capacity: 4 * a.text.utf8.count + 1024)
        h.raw("<tr class=\"g")
        if let g = sc.grade { h.int(g) } else { h.raw("x") }
        if duplicate { h.raw(" dup") }
        h.raw("\"><td>"); h.html(sc.document); h.raw("</td><td class=\"n\">"); h.int(sc.call); h.raw("</td>")
        h.raw("<td class=\"n\">"); h.int(sc.officialTurn); h.raw("</td><td class=\"n\">"); h.int(a.line)
        h.raw("</td><td>"); h.html(a.speaker); h.raw("</td>")
        // The title explains the score: one contribution a line.
        h.raw("<td class=\"n\" title=\"")
        for (i, c) in sc.contributions.enumerated() {
            if i > 0 { h.raw("\n") }
            h.html(c.feature); h.raw(" ")
            if c.points >= 0 { h.raw("+") }
            h.fixed(c.points); h.raw(": "); h.html(c.detail)
        }
        h.raw("\">"); h.fixed(sc.score); h.raw("</td><td class=\"n\">")
        if let g = sc.grade { h.int(g) } else { h.raw("–") }
        h.raw("</td><td>")
        // Each code once, in code order.
        let codes = sc.detections.map(\.code).sorted()
        for (i, c) in codes.enumerated() where i == 0 || codes[i - 1] != c {
            if i > 0 { h.raw(" ") }
            h.html(c.rawValue)
        }
        h.raw("</td><td lang=\"zh-Hans\">")
        highlighted(a.text, sc.detections, into: &h)
        h.raw("</td></tr>\n")
        return h.string
    }

    static func documentsSection(_ s: CorpusSummary) -> String {
        var h = "<section id=\"documents\">\n<h2>Documents</h2>\n<table>\n"
        h += "<thead><tr><th>document</th><th>path</th><th>kind</th><th>status</th><th>calls</th><th>encoding</th></tr></thead>\n<tbody>\n"
        for d in s.listedDocuments {
            h += "<tr class=\"\(d.status.isAnalysed ? "ok" : "skipped")\"><td>\(esc(d.id))</td><td>\(esc(d.path))</td><td>\(d.kind.rawValue)</td>"
            h += "<td>\(esc(statusText(d.status)))</td><td class=\"n\">\(d.calls)</td><td>\(esc(d.encoding ?? "–"))</td></tr>\n"
        }
        h += "</tbody>\n</table>\n"
        if s.unlistedDocuments > 0 {
            h += "<p class=\"note\">" + moreDocumentsNote(s.unlistedDocuments) + "</p>\n"
        }
        h += "</section>\n"
        return h
    }

    // MARK: Charts

    /// Each official's mean score as a dot with its interval as a whisker, on a 0–100 axis.
    static func ciChart(_ officials: [OfficialSummary]) -> String {
        let left = 300.0, width = 560.0, row = 26.0, top = 24.0
        let height = top + row * Double(max(officials.count, 1)) + 20
        func x(_ v: Double) -> String { fmt(left + width * min(max(v, 0), 100) / 100) }
        var h = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(fmt(left + width + 30, 0))\" height=\"\(fmt(height, 0))\" role=\"img\" aria-label=\"Mean score of each official with its confidence interval\">\n"
        for t in stride(from: 0, through: 100, by: 25) {
            h += "<line x1=\"\(x(Double(t)))\" y1=\"\(fmt(top - 6))\" x2=\"\(x(Double(t)))\" y2=\"\(fmt(height - 14))\" class=\"grid\" />"
            h += "<text x=\"\(x(Double(t)))\" y=\"\(fmt(top - 10))\" class=\"axis\" text-anchor=\"middle\">\(t)</text>\n"
        }
        for (i, o) in officials.enumerated() {
            let y = top + row * Double(i) + row / 2
            h += "<text x=\"\(fmt(left - 8))\" y=\"\(fmt(y + 4))\" text-anchor=\"end\" class=\"label\">\(esc(String(o.official.description.prefix(30))))</text>\n"
            if let m = o.statistics.mean {
                h += "<line x1=\"\(x(m.low))\" y1=\"\(fmt(y))\" x2=\"\(x(m.high))\" y2=\"\(fmt(y))\" class=\"whisker\" />"
                h += "<line x1=\"\(x(m.low))\" y1=\"\(fmt(y - 5))\" x2=\"\(x(m.low))\" y2=\"\(fmt(y + 5))\" class=\"whisker\" />"
                h += "<line x1=\"\(x(m.high))\" y1=\"\(fmt(y - 5))\" x2=\"\(x(m.high))\" y2=\"\(fmt(y + 5))\" class=\"whisker\" />"
                h += "<circle cx=\"\(x(m.mean))\" cy=\"\(fmt(y))\" r=\"5\" class=\"dot\"><title>\(esc(o.official.description)): \(esc(meanText(m)))</title></circle>\n"
            }
        }
        return h + "</svg>\n"
    }

    /// Per official, a bar of deflection counts stacked by code, with a legend.
    static func stackedChart(_ officials: [OfficialSummary]) -> String {
        let left = 300.0, width = 400.0, row = 24.0, top = 10.0
        // Detections per answer, so that officials questioned at different length compare.
        func perAnswer(_ o: OfficialSummary, _ n: Int) -> Double { Double(n) / Double(max(o.statistics.answers, 1)) }
        let maxRate = max(0.01, officials.map { perAnswer($0, $0.statistics.deflections.reduce(0) { $0 + $1.count }) }.max() ?? 1)
        let used = Code.deflections.filter { c in officials.contains { $0.statistics.deflections.contains { $0.code == c } } }
        let legendRows = (used.count + 3) / 4
        let height = top + row * Double(max(officials.count, 1)) + 16 + 20 * Double(legendRows)
        var h = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(fmt(left + width + 260, 0))\" height=\"\(fmt(height, 0))\" role=\"img\" aria-label=\"Deflection profile of each official\">\n"
        for (i, o) in officials.enumerated() {
            let y = top + row * Double(i)
            h += "<text x=\"\(fmt(left - 8))\" y=\"\(fmt(y + 15))\" text-anchor=\"end\" class=\"label\">\(esc(String(o.official.description.prefix(30))))</text>\n"
            var x = left
            for c in Code.deflections {
                guard let cc = o.statistics.deflections.first(where: { $0.code == c }) else { continue }
                let w = width * perAnswer(o, cc.count) / maxRate
                h += "<rect x=\"\(fmt(x))\" y=\"\(fmt(y + 3))\" width=\"\(fmt(w))\" height=\"\(fmt(row - 6))\" fill=\"\(colours[c]!)\"><title>\(c.rawValue): \(cc.count) (\(fmt(perAnswer(o, cc.count), 2)) per answer)</title></rect>"
                x += w
            }
            let total = o.statistics.deflections.reduce(0) { $0 + $1.count }
            h += "<text x=\"\(fmt(x + 6))\" y=\"\(fmt(y + 15))\" class=\"axis\">\(total) in \(o.statistics.answers) answers (\(fmt(perAnswer(o, total), 2)) per answer)</text>\n"
        }
        let legendTop = top + row * Double(max(officials.count, 1)) + 10
        for (i, c) in used.enumerated() {
            let lx = left + Double(i % 4) * 150, ly = legendTop + Double(i / 4) * 20
            h += "<rect x=\"\(fmt(lx))\" y=\"\(fmt(ly))\" width=\"12\" height=\"12\" fill=\"\(colours[c]!)\" />"
            h += "<text x=\"\(fmt(lx + 16))\" y=\"\(fmt(ly + 10))\" class=\"axis\">\(c.rawValue)</text>\n"
        }
        return h + "</svg>\n"
    }

    /// Score of each official turn along the call, with the grade thresholds as dashed lines.
    static func seriesChart(_ c: CallSummary, thresholds: [Double]) -> String {
        let left = 40.0, width = 820.0, top = 10.0, plot = 140.0
        let n = max(c.series.count, 2)
        func x(_ i: Int) -> Double { left + 12 + (width - 24) * Double(i - 1) / Double(n - 1) }
        func y(_ v: Double) -> Double { top + plot * (1 - min(max(v, 0), 100) / 100) }
        var h = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(fmt(left + width + 20, 0))\" height=\"\(fmt(top + plot + 28, 0))\" role=\"img\" aria-label=\"Score along the call\">\n"
        h += "<rect x=\"\(fmt(left))\" y=\"\(fmt(top))\" width=\"\(fmt(width))\" height=\"\(fmt(plot))\" class=\"frame\" />\n"
        for v in [0.0, 100.0] {
            h += "<text x=\"\(fmt(left - 4))\" y=\"\(fmt(y(v) + 4))\" text-anchor=\"end\" class=\"axis\">\(fmt(v, 0))</text>"
        }
        for (g, t) in thresholds.enumerated() {
            h += "<line x1=\"\(fmt(left))\" y1=\"\(fmt(y(t)))\" x2=\"\(fmt(left + width))\" y2=\"\(fmt(y(t)))\" class=\"threshold\" />"
            h += "<text x=\"\(fmt(left - 4))\" y=\"\(fmt(y(t) + 4))\" text-anchor=\"end\" class=\"axis\">g\(g + 1)</text>\n"
        }
        let graded = c.series.filter { $0.grade != nil }
        if graded.count > 1 {
            let pts = graded.map { "\(fmt(x($0.officialTurn))),\(fmt(y($0.score)))" }.joined(separator: " ")
            h += "<polyline points=\"\(pts)\" class=\"line\" />\n"
        }
        for p in c.series {
            let cls = p.grade.map { "g\($0)" } ?? "gx"
            h += "<circle cx=\"\(fmt(x(p.officialTurn)))\" cy=\"\(fmt(y(p.score)))\" r=\"\(p.grade == nil ? 2.5 : 4)\" class=\"\(cls)\"><title>turn \(p.officialTurn): \(fmt(p.score)) (grade \(p.grade.map(String.init) ?? "–"))</title></circle>"
        }
        h += "\n<text x=\"\(fmt(left))\" y=\"\(fmt(top + plot + 20))\" class=\"axis\">official turn 1</text>"
        h += "<text x=\"\(fmt(left + width))\" y=\"\(fmt(top + plot + 20))\" text-anchor=\"end\" class=\"axis\">\(c.series.count)</text>\n"
        return h + "</svg>\n"
    }

    // MARK: Text

    /// The turn text with each detection wrapped in a `<mark>` coloured by code; overlapping
    /// detections after the first are left unmarked.
    static func highlighted(_ text: String, _ detections: [Detection]) -> String {
        var out = TextBytes()
        highlighted(text, detections, into: &out)
        return out.string
    }

    static func highlighted(_ text: String, _ detections: [Detection], into out: inout TextBytes) {
        var text = text
        text.withUTF8 { utf8 in
            // Detection ranges count scalars: the byte offset where each scalar starts, and the end.
            var starts: [Int] = []
            starts.reserveCapacity(utf8.count + 1)
            for (i, b) in utf8.enumerated() where b & 0xC0 != 0x80 { starts.append(i) }
            let count = starts.count
            starts.append(utf8.count)
            func slice(_ lo: Int, _ hi: Int) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: utf8[starts[lo]..<starts[hi]])
            }
            var pos = 0
            for d in detections.sorted(by: { ($0.range.lowerBound, -$0.range.count) < ($1.range.lowerBound, -$1.range.count) }) {
                let lo = max(d.range.lowerBound, 0), hi = min(d.range.upperBound, count)
                guard lo >= pos, lo < hi else { continue }
                out.html(slice(pos, lo))
                out.raw("<mark class=\"")
                switch d.code.kind {
                case .deflection: out.raw("d")
                case .answer: out.raw("a")
                case .modifier: out.raw("m")
                }
                out.raw("\" style=\"border-color:"); out.text(colours[d.code] ?? "#999")
                out.raw("\" title=\""); out.text(d.code.rawValue); out.raw(" · "); out.html(d.rule.description); out.raw("\">")
                out.html(slice(lo, hi)); out.raw("<sub>"); out.text(d.code.rawValue); out.raw("</sub></mark>")
                pos = hi
            }
            out.html(slice(pos, count))
        }
    }

    /// Escapes text for element content and attribute values.
    static func esc(_ s: String) -> String {
        var out = TextBytes(capacity: s.utf8.count + 16)
        out.html(s)
        return out.string
    }

    static let css = """
    body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 24px; color: #222; max-width: 1240px; }
    h1 { font-size: 1.6em; margin-bottom: 4px; }
    h2 { border-bottom: 2px solid #ddd; padding-bottom: 4px; margin-top: 32px; }
    h3 { font-size: 1.05em; margin-bottom: 4px; }
    nav a { color: #2c6fbb; }
    table { border-collapse: collapse; font-size: 0.86em; margin: 8px 0; }
    th, td { border: 1px solid #ddd; padding: 3px 6px; vertical-align: top; text-align: left; }
    th { background: #f4f4f4; }
    td.n { text-align: right; font-variant-numeric: tabular-nums; }
    .note { color: #666; font-size: 0.9em; }
    .dup { color: #a05a00; }
    svg.chart { display: block; margin: 8px 0 16px; font-size: 12px; }
    svg .grid { stroke: #e4e4e4; }
    svg .axis { fill: #666; font-size: 11px; }
    svg .label { fill: #222; font-size: 12px; }
    svg .whisker { stroke: #555; stroke-width: 1.5; }
    svg .dot { fill: #2c6fbb; }
    svg .frame { fill: #fafafa; stroke: #ccc; }
    svg .threshold { stroke: #bbb; stroke-dasharray: 4 3; }
    svg .line { fill: none; stroke: #2c6fbb; stroke-width: 1.5; }
    svg .g0 { fill: #c0392b; } svg .g1 { fill: #e67e22; } svg .g2 { fill: #f1c40f; } svg .g3 { fill: #27ae60; } svg .gx { fill: #aaa; }
    table.answers td:last-child { max-width: 640px; }
    table.answers td:nth-child(8) { max-width: 150px; font-size: 0.85em; }
    tr.g0 td:nth-child(7) { background: #f5c6c0; } tr.g1 td:nth-child(7) { background: #fbe0c3; }
    tr.g2 td:nth-child(7) { background: #fcf3c2; } tr.g3 td:nth-child(7) { background: #c9efd6; }
    tr.dup { opacity: 0.55; }
    tr.skipped td { color: #a00; }
    mark { background: #fff3b0; border-bottom: 3px solid; padding: 0 1px; }
    mark.d { background: #fde2dd; } mark.a { background: #d9f5e3; } mark.m { background: #eeeeee; }
    mark sub { font-size: 0.62em; color: #555; margin-left: 2px; }
    .code { color: #fff; font-size: 0.75em; padding: 1px 4px; border-radius: 3px; }
    .loc { color: #666; font-family: monospace; }
    ul.quotes { margin-top: 4px; }
    div.scroll { overflow-x: auto; }
    svg.referrals .edge { fill: none; stroke-opacity: 0.55; }
    svg.referrals a:hover .edge { stroke-opacity: 0.95; }
    svg.referrals .org { fill: #eef3fa; stroke: #2c6fbb; }
    svg.referrals .kind { font-size: 11px; font-weight: bold; }
    ol.edges { font-size: 0.9em; } ol.edges li { margin-bottom: 6px; } ol.edges li:target { background: #fff3b0; }
    span.kind { color: #555; font-size: 0.85em; }
    """
}
