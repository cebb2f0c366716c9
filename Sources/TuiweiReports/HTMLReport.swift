import Foundation
import TuiweiCore
import TuiweiAggregates
import TuiweiScoring

/// `report.html`: one self-contained page (inline CSS, SVG and a small script, no external
/// assets), written as well-formed XHTML-compatible markup so that any XML parser can read it back.
///
/// The page is complete without its script: every table, chart, breakdown and link is in the
/// markup (links go to the answer rows by their ids); the script only adds sorting by a column,
/// a filter box over each table and the filter to one official's or call's answers.
public enum HTMLReport {
    /// Section ids, in page order.
    public static let sections = ["summary", "officials", "deflections", "referrals", "calls", "answers", "documents"]

    /// One colour per code, stable across runs. Deflections take warm and earth hues and grey,
    /// answer signs green: none of them is blue, which is kept for the grades (`gradeColours`).
    static let colours: [Code: String] = {
        let palette = ["#d62728", "#ff7f0e", "#e6b800", "#8c564b", "#e377c2", "#7f7f7f",
                       "#bcbd22", "#9467bd", "#c49c94", "#c2185b", "#222222", "#ffbb78"]
        var out: [Code: String] = [:]
        for (i, c) in Code.deflections.enumerated() { out[c] = palette[i % palette.count] }
        out[.hedge] = "#bdbdbd"
        out[.backchannel] = "#e0e0e0"
        for c in [Code.direct, .specific, .acknowledge, .commit] { out[c] = "#2ca02c" }
        return out
    }()

    /// Grades 0–3 from pale to dark blue (darker answers more), and ungraded grey: a palette of
    /// its own, so a grade is never mistaken for a code.
    static let gradeColours = ["#deebf7", "#9ecae1", "#4292c6", "#08519c"]
    static let ungradedColour = "#bbbbbb"

    /// What each grade means, for the legends.
    static let gradeNames = ["0 no answer", "1 deflects", "2 partial", "3 answers"]

    /// The id of an answer's row: `a-` and its document, call and official turn, with characters
    /// an id cannot hold written as `_` and their code.
    static func anchor(document: String, call: Int, officialTurn: Int) -> String {
        var out = "a-"
        for u in document.unicodeScalars {
            switch u.value {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D: out.unicodeScalars.append(u)
            default: out += "_" + String(u.value, radix: 16)
            }
        }
        return out + "-\(call)-\(officialTurn)"
    }

    static func anchor(_ a: ScoredAnswer) -> String {
        anchor(document: a.score.document, call: a.score.call, officialTurn: a.score.officialTurn)
    }

    /// What the links of a page need: which answers have a row, and the first row of each
    /// official and call.
    struct Links {
        let listed: Set<String>
        let firstOfOfficial: [OfficialKey: String]
        let firstOfCall: [String: String]
        /// Ranking position (1-based) of each official as the ranking shows them.
        let rank: [OfficialKey: Int]

        init(_ s: CorpusSummary) {
            var listed: Set<String> = [], official: [OfficialKey: String] = [:], call: [String: String] = [:]
            for a in s.answers {
                let id = anchor(a)
                listed.insert(id)
                let key = s.rankedOfficial(of: a)
                if official[key] == nil { official[key] = id }
                let c = a.callID.description
                if call[c] == nil { call[c] = id }
            }
            self.listed = listed
            firstOfOfficial = official
            firstOfCall = call
            rank = Dictionary(s.officials.enumerated().map { ($1.official, $0 + 1) }, uniquingKeysWith: { a, _ in a })
        }

        func quote(_ q: Quote) -> String? {
            let id = anchor(document: q.location.document, call: q.call, officialTurn: q.officialTurn)
            return listed.contains(id) ? id : nil
        }
    }

    public static func render(_ s: CorpusSummary) -> String {
        var out = ""
        render(s) { out += $0 }
        return out
    }

    /// The page handed to `emit` a section at a time, so a large corpus's page is written
    /// without being held whole.
    public static func render(_ s: CorpusSummary, emit: (String) throws -> Void) rethrows {
        let links = Links(s)
        var h = """
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
        <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Tuiwei responsiveness report</title>
        <style>
        \(css)
        </style>
        </head>
        <body>

        """
        h += "<h1>Tuiwei responsiveness report</h1>\n"
        h += "<nav>" + sections.map { "<a href=\"#\($0)\">\($0)</a>" }.joined(separator: " · ") + "</nav>\n"
        try emit(h)
        try emit(summarySection(s))
        try emit(officialsSection(s, links: links))
        try emit(deflectionsSection(s))
        try emit(ReferralReport.htmlSection(s, links: links))
        try callsSection(s, links: links, emit: emit)
        try answersSection(s, links: links, emit: emit)
        try emit(documentsSection(s))
        try emit("<script>//<![CDATA[\n" + script + "\n//]]></script>\n</body>\n</html>\n")
    }

    // MARK: Sections

    static func summarySection(_ s: CorpusSummary) -> String {
        var h = "<section id=\"summary\">\n<h2>Summary</h2>\n<p>"
        h += esc(countsText(s)) + " Mean score <b>\(esc(meanText(s.overall.mean)))</b>; "
        h += "non-answers (grade 0) \(percent(s.overall.nonAnswerShare)). Grades 0/1/2/3: "
        h += s.overall.gradeCounts.map(String.init).joined(separator: "/") + ".</p>\n"
        h += "<p class=\"note\">Scores run 0–100; grade 0 = does not answer … 3 = answers directly with substance. "
        h += "Intervals are \(levelText(s.intervalLevel)) bootstrap intervals of the mean. "
        h += "Turns are numbered from 1: “turn” among all turns of the call, “official turn” among its official turns. "
        h += esc(codeCountsNote) + "</p>\n"
        h += gradeLegend()
        if !s.organisations.isEmpty {
            h += "<div class=\"scroll\"><table class=\"sortable filterable cards\">\n<thead><tr><th>organisation</th><th>officials</th><th>calls</th><th>answers</th><th>mean score [CI]</th><th>% non-answers</th><th>hang-ups</th></tr></thead>\n<tbody>\n"
            for o in s.organisations {
                let st = o.statistics
                h += "<tr><td data-label=\"organisation\">\(esc(o.organisation))</td><td class=\"n\" data-label=\"officials\">\(o.officials)</td><td class=\"n\" data-label=\"calls\">\(st.calls)</td><td class=\"n\" data-label=\"answers\">\(st.answers)</td>"
                h += "<td data-v=\"\(st.mean.map { fmt($0.mean) } ?? "")\" data-label=\"mean score [CI]\">\(esc(meanText(st.mean)))</td><td class=\"n\" data-label=\"% non-answers\">\(percent(st.nonAnswerShare))</td><td class=\"n\" data-label=\"hang-ups\">\(st.hangUps)</td></tr>\n"
            }
            h += "</tbody>\n</table></div>\n"
        }
        h += "</section>\n"
        return h
    }

    /// The grade colours with what each grade means.
    static func gradeLegend() -> String {
        var h = "<p class=\"legend\">Grades: "
        for (g, name) in gradeNames.enumerated() {
            h += "<span class=\"grade g\(g)\">\(esc(name))</span> "
        }
        return h + "<span class=\"grade gx\">– not graded</span></p>\n"
    }

    /// The code colours of `codes`, for the legends beside marks and bars.
    static func codeLegend(_ codes: [Code]) -> String {
        guard !codes.isEmpty else { return "" }
        var h = "<p class=\"legend\">Codes: "
        for c in codes {
            h += "<span class=\"code\" style=\"background:\(colours[c] ?? "#999")\">\(c.rawValue)</span> "
        }
        return h + "</p>\n"
    }

    static func officialsSection(_ s: CorpusSummary, links: Links) -> String {
        var h = "<section id=\"officials\">\n<h2>Officials, least responsive first</h2>\n"
        h += "<p class=\"note\">Each dot is an official's mean score, the whisker its \(levelText(s.intervalLevel)) interval; "
        h += "a hollow dot and ⚠ mark a mean from fewer than \(RankingCaution.fewAnswersBelow) graded answers or with an interval wider than \(fmt(RankingCaution.wideIntervalAbove, 0)) points. "
        h += "The dashed lines are the grade thresholds.</p>\n"
        h += ciChart(s.officials, thresholds: s.gradeThresholds)
        h += "<div class=\"scroll\"><table class=\"sortable filterable officials cards\">\n<thead><tr><th>#</th><th>official</th><th>calls</th><th>answers</th>"
        h += "<th>mean score [CI]</th><th>caution</th><th>% non-answers</th><th>top deflections (detections in turns)</th><th>orientation per 1,000 chars</th><th>boilerplate</th></tr></thead>\n<tbody>\n"
        for (i, o) in s.officials.enumerated() {
            let st = o.statistics
            let phrases = o.boilerplate.topPhrases.prefix(3).map { "\($0.phrase) ×\($0.count)" }.joined(separator: "; ")
            let caution = cautionText(st)
            h += "<tr id=\"o-\(i + 1)\"\(caution.isEmpty ? "" : " class=\"caution\"")><td class=\"n\" data-label=\"#\">\(i + 1)</td><td data-label=\"official\">"
            let name = [o.official.organisation, o.official.department ?? "–", o.official.surname ?? "–"].map(esc).joined(separator: " / ")
            if let first = links.firstOfOfficial[o.official] {
                h += "<a href=\"#\(first)\" data-official=\"o-\(i + 1)\">\(name)</a>"
            } else {
                h += name
            }
            h += "</td><td class=\"n\" data-label=\"calls\">\(st.calls)</td><td class=\"n\" data-label=\"answers\">\(st.answers)</td>"
            h += "<td data-v=\"\(st.mean.map { fmt($0.mean) } ?? "")\" data-label=\"mean score [CI]\">\(esc(meanText(st.mean)))</td><td data-label=\"caution\">\(esc(caution))</td>"
            h += "<td class=\"n\" data-label=\"% non-answers\">\(percent(st.nonAnswerShare))</td><td data-label=\"top deflections\">\(esc(topCodes(st)))</td>"
            let terms = o.orientation.topTerms.prefix(4).map { "\($0.term) ×\($0.count)" }.joined(separator: "; ")
            h += "<td data-v=\"\(fmt(o.orientation.authorityPer1000))\" data-label=\"orientation\">\(esc(orientationText(o.orientation)))"
            if !terms.isEmpty { h += "<br /><small>\(esc(terms))</small>" }
            h += "</td><td data-v=\"\(fmt(o.boilerplate.index * 100, 1))\" data-label=\"boilerplate\">\(percent(o.boilerplate.index, digits: 1))"
            if !phrases.isEmpty { h += "<br /><small>\(esc(phrases))</small>" }
            h += "</td></tr>\n"
        }
        h += "</tbody>\n</table></div>\n</section>\n"
        return h
    }

    static func deflectionsSection(_ s: CorpusSummary) -> String {
        var h = "<section id=\"deflections\">\n<h2>Deflection profiles</h2>\n"
        h += "<p class=\"note\">Deflection detections per answer of each official, stacked by code (a turn may hold several detections).</p>\n"
        h += stackedChart(s.officials)
        h += "</section>\n"
        return h
    }

    /// Rows drawn at once, on every core, and handed on together: a long table is never held whole.
    static let rowBatch = 256

    /// `count` rows drawn a batch at a time, on every core, handed to `emit` in order.
    static func rows(_ count: Int, emit: (String) throws -> Void, _ row: @Sendable (Int) -> String) rethrows {
        var start = 0
        while start < count {
            let n = min(rowBatch, count - start), from = start
            try emit(concurrentMap(n) { row(from + $0) }.joined())
            start += n
        }
    }

    static func callsSection(_ s: CorpusSummary, links: Links, emit: (String) throws -> Void) rethrows {
        var h = "<section id=\"calls\">\n<h2>Calls</h2>\n"
        h += "<p class=\"note\">Each chart follows one call: a dot per official turn at its score, coloured by grade (small grey dots are not graded), "
        h += "the line joining the graded ones; the dashed lines g1, g2, g3 are the lowest scores of grades 1, 2 and 3. A dot links to its answer.</p>\n"
        h += gradeLegend()
        try emit(h)
        // Each call's section (its chart above all) is drawn on every core, a batch at a time.
        try rows(s.calls.count, emit: emit) { i in
            let c = s.calls[i]
            var h = ""
            let st = c.statistics
            let key = c.entry.id.description
            h += "<div class=\"call\" id=\"c-\(i + 1)\">\n<h3>\(esc(c.entry.document)), call \(c.entry.call)"
            if let header = c.entry.header { h += " — \(esc(header.trimmingCharacters(in: .whitespaces)))" }
            h += "</h3>\n"
            if let d = c.duplicateOf {
                h += "<p class=\"dup\">Repeats \(esc(d.original)) call \(d.originalCall); counted there, not here.</p>\n"
            }
            h += "<p>\(st.answers) official turns, \(st.graded) graded; mean score \(esc(meanText(st.mean))); grades 0/1/2/3: "
            h += st.gradeCounts.map(String.init).joined(separator: "/")
            if let f = st.firstThird, let l = st.lastThird { h += "; first third \(fmt(f)) → last third \(fmt(l))" }
            if c.entry.events.contains(.hangUp) { h += "; ended by a hang-up" }
            h += "."
            if let first = links.firstOfCall[key] {
                h += " <a href=\"#\(first)\" data-call=\"\(esc(key))\">Its answers</a>"
            }
            h += "</p>\n"
            if !st.deflections.isEmpty { h += "<p class=\"small\">Deflections (detections in turns): \(esc(topCodes(st, 6))).</p>\n" }
            h += seriesChart(c, thresholds: s.gradeThresholds, links: links)
            if !c.quotes.isEmpty {
                h += "<ul class=\"quotes\">\n"
                for q in c.quotes {
                    let quoted = q.text.range(of: q.evidence).map {
                        esc(String(q.text[..<$0.lowerBound])) + "<mark class=\"d\">\(esc(q.evidence))</mark>" + esc(String(q.text[$0.upperBound...]))
                    } ?? esc(q.text)
                    h += "<li>"
                    h += "<span class=\"ask\">Q: " + (q.question.isEmpty ? "(no question before it)" : "<q lang=\"zh-Hans\">\(esc(q.question))</q>") + "</span><br />"
                    h += "A: <q lang=\"zh-Hans\">\(quoted)</q> <span class=\"code\" style=\"background:\(colours[q.code] ?? "#999")\">\(q.code.rawValue)</span> "
                    let place = "official turn \(q.officialTurn), \(esc(q.location.document)):\(q.location.line)"
                    if let id = links.quote(q) {
                        h += "<a class=\"loc\" href=\"#\(id)\">\(place)</a></li>\n"
                    } else {
                        h += "<span class=\"loc\">\(place)</span></li>\n"
                    }
                }
                h += "</ul>\n"
            }
            h += "</div>\n"
            return h
        }
        h = ""
        if s.totals.calls > s.calls.count {
            h += "<p class=\"note\">" + moreCallsNote(s.totals.calls - s.calls.count) + "</p>\n"
        }
        h += "</section>\n"
        try emit(h)
    }

    /// Column headers of the answer table, in order.
    static let answerHeaders = ["where", "call", "official turn", "official", "score", "grade", "codes", "question", "answer (evidence highlighted)", "why: the score's contributions"]

    /// Rows of the answer-by-answer table; a larger corpus's page would be too big to open, and
    /// answers.csv and analysis.jsonl hold every answer.
    static func answersSection(_ s: CorpusSummary, links: Links? = nil) -> String {
        var out = ""
        answersSection(s, links: links ?? Links(s)) { out += $0 }
        return out
    }

    static func answersSection(_ s: CorpusSummary, links: Links, emit: (String) throws -> Void) rethrows {
        var h = "<section id=\"answers\">\n<h2>Answers</h2>\n"
        let total = s.totals.answers, limit = s.answers.count
        if total > limit {
            h += "<p class=\"note\">The table shows the first \(limit) of \(total) answers, in corpus order; answers.csv and analysis.jsonl hold them all.</p>\n"
        }
        h += "<p class=\"note\">Each answer with the caller's question it answers (its last asking sentence). “where” is document:line of the answer's first line. "
        h += "The last column lists every term of the score: it starts at base, each term adds its points, and the sum is clamped to 0–100. Rows of duplicate copies are faded: they are listed, not counted.</p>\n"
        h += gradeLegend()
        let used = Set(s.answers.flatMap { $0.score.detections.map(\.code) })
        h += codeLegend(Code.allCases.filter(used.contains))
        h += "<p id=\"answers-filter\" class=\"note hidden\"></p>\n"
        h += "<table class=\"answers sortable filterable cards\">\n<thead><tr>"
        h += answerHeaders.map { "<th>\(esc($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        let copies = s.duplicates
        try emit(h)
        try rows(s.answers.count, emit: emit) { i in
            let a = s.answers[i]
            let rank = links.rank[s.rankedOfficial(of: a)]
            return answerRow(a, duplicate: copies[a.callID] != nil, rank: rank)
        }
        try emit("</tbody>\n</table>\n</section>\n")
    }

    static func answerRow(_ a: ScoredAnswer, duplicate: Bool, rank: Int? = nil) -> String {
        let sc = a.score
        var h = TextBytes(capacity: 5 * a.text.utf8.count + 2 * a.question.utf8.count + 1024)
        h.raw("<tr id=\""); h.text(anchor(a)); h.raw("\" class=\"g")
        if let g = sc.grade { h.int(g) } else { h.raw("x") }
        if duplicate { h.raw(" dup") }
        h.raw("\" data-call=\""); h.html(sc.document); h.raw("#"); h.int(sc.call); h.raw("\"")
        if let rank { h.raw(" data-official=\"o-"); h.int(rank); h.raw("\"") }
        h.raw("><td data-label=\"where\">"); h.html(sc.document); h.raw(":"); h.int(a.line)
        h.raw("</td><td class=\"n\" data-label=\"call\">"); h.int(sc.call)
        h.raw("</td><td class=\"n\" data-label=\"official turn\">"); h.int(sc.officialTurn)
        h.raw("</td><td data-label=\"official\">"); h.html(a.speaker)
        h.raw("</td><td class=\"n score\" data-label=\"score\">"); h.fixed(sc.score)
        h.raw("</td><td class=\"n grade\" data-label=\"grade\">")
        if let g = sc.grade { h.int(g) } else { h.raw("–") }
        h.raw("</td><td data-label=\"codes\">")
        // Each code once, in code order.
        let codes = sc.detections.map(\.code).sorted()
        for (i, c) in codes.enumerated() where i == 0 || codes[i - 1] != c {
            if i > 0 { h.raw(" ") }
            h.html(c.rawValue)
        }
        h.raw("</td><td class=\"ask\" lang=\"zh-Hans\" data-label=\"question\">")
        let question = questionExcerpt(a.question)
        if question.isEmpty { h.raw("–") } else { h.html(question) }
        h.raw("</td><td lang=\"zh-Hans\" data-label=\"answer\">")
        highlighted(a.text, sc.detections, into: &h)
        // The breakdown is in the cell itself, one term a line, so it is seen on touch screens and in print.
        h.raw("</td><td class=\"why\" data-label=\"why\"><ul>")
        for c in sc.contributions {
            h.raw(c.points < 0 ? "<li class=\"neg\">" : "<li>")
            h.raw("<b>")
            if c.points >= 0 { h.raw("+") }
            h.fixed(c.points); h.raw("</b> "); h.html(c.feature)
            if !c.detail.isEmpty { h.raw(" <small>"); h.html(c.detail); h.raw("</small>") }
            h.raw("</li>")
        }
        h.raw("</ul></td></tr>\n")
        return h.string
    }

    static func documentsSection(_ s: CorpusSummary) -> String {
        var h = "<section id=\"documents\">\n<h2>Documents</h2>\n<div class=\"scroll\"><table class=\"sortable filterable cards\">\n"
        h += "<thead><tr><th>document</th><th>path</th><th>kind</th><th>status</th><th>calls</th><th>encoding</th></tr></thead>\n<tbody>\n"
        for d in s.listedDocuments {
            h += "<tr class=\"\(d.status.isAnalysed ? "ok" : "skipped")\"><td data-label=\"document\">\(esc(d.id))</td><td data-label=\"path\">\(esc(d.path))</td><td data-label=\"kind\">\(d.kind.rawValue)</td>"
            h += "<td data-label=\"status\">\(esc(statusText(d.status)))</td><td class=\"n\" data-label=\"calls\">\(d.calls)</td><td data-label=\"encoding\">\(esc(d.encoding ?? "–"))</td></tr>\n"
        }
        h += "</tbody>\n</table></div>\n"
        if s.unlistedDocuments > 0 {
            h += "<p class=\"note\">" + moreDocumentsNote(s.unlistedDocuments) + "</p>\n"
        }
        h += "</section>\n"
        return h
    }

    // MARK: Charts

    /// The opening tag of a chart: its drawing size as its width and height, and a view box, so
    /// the CSS can shrink it to a narrow screen without cutting it off.
    static func svgOpen(_ width: Double, _ height: Double, class cls: String = "chart", label: String) -> String {
        "<svg class=\"\(cls)\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(fmt(width, 0))\" height=\"\(fmt(height, 0))\" viewBox=\"0 0 \(fmt(width, 0)) \(fmt(height, 0))\" role=\"img\" aria-label=\"\(esc(label))\">\n"
    }

    /// Each official's mean score as a dot with its interval as a whisker, on a 0–100 axis with
    /// the grade thresholds dashed; a mean the ranking marks with ⚠ has a hollow dot. Each name
    /// stands above its whisker, so the chart is narrow enough to stay legible on a phone.
    static func ciChart(_ officials: [OfficialSummary], thresholds: [Double] = []) -> String {
        let left = 14.0, width = 440.0, row = 36.0, top = 24.0
        let height = top + row * Double(max(officials.count, 1)) + 20
        func x(_ v: Double) -> String { fmt(left + width * min(max(v, 0), 100) / 100) }
        var h = svgOpen(left + width + 20, height, label: "Mean score of each official with its confidence interval")
        for t in stride(from: 0, through: 100, by: 25) {
            h += "<line x1=\"\(x(Double(t)))\" y1=\"\(fmt(top - 6))\" x2=\"\(x(Double(t)))\" y2=\"\(fmt(height - 14))\" class=\"grid\" />"
            h += "<text x=\"\(x(Double(t)))\" y=\"\(fmt(top - 10))\" class=\"axis\" text-anchor=\"middle\">\(t)</text>\n"
        }
        for (g, t) in thresholds.enumerated() {
            h += "<line x1=\"\(x(t))\" y1=\"\(fmt(top - 6))\" x2=\"\(x(t))\" y2=\"\(fmt(height - 14))\" class=\"threshold\" />"
            h += "<text x=\"\(x(t))\" y=\"\(fmt(height - 3))\" class=\"axis\" text-anchor=\"middle\">g\(g + 1)</text>\n"
        }
        for (i, o) in officials.enumerated() {
            let y = top + row * Double(i)
            let caution = !RankingCaution.of(o.statistics).isEmpty
            let label = "\(i + 1). " + String(o.official.description.prefix(36)) + (o.statistics.mean.map { "  " + meanText($0) } ?? "") + (caution ? " ⚠" : "")
            h += "<a href=\"#o-\(i + 1)\"><text x=\"\(fmt(left))\" y=\"\(fmt(y + 12))\" class=\"label\">\(esc(label))</text></a>\n"
            if let m = o.statistics.mean {
                let wy = y + 24
                h += "<line x1=\"\(x(m.low))\" y1=\"\(fmt(wy))\" x2=\"\(x(m.high))\" y2=\"\(fmt(wy))\" class=\"whisker\" />"
                h += "<line x1=\"\(x(m.low))\" y1=\"\(fmt(wy - 5))\" x2=\"\(x(m.low))\" y2=\"\(fmt(wy + 5))\" class=\"whisker\" />"
                h += "<line x1=\"\(x(m.high))\" y1=\"\(fmt(wy - 5))\" x2=\"\(x(m.high))\" y2=\"\(fmt(wy + 5))\" class=\"whisker\" />"
                h += "<circle cx=\"\(x(m.mean))\" cy=\"\(fmt(wy))\" r=\"5\" class=\"\(caution ? "dot hollow" : "dot")\"><title>\(esc(o.official.description)): \(esc(meanText(m)))</title></circle>\n"
            }
        }
        return h + "</svg>\n"
    }

    /// Per official, a bar of deflection detections per answer stacked by code, its name and
    /// totals above it, with a legend.
    static func stackedChart(_ officials: [OfficialSummary]) -> String {
        let left = 14.0, width = 440.0, row = 36.0, top = 6.0
        // Detections per answer, so that officials questioned at different length compare.
        func perAnswer(_ o: OfficialSummary, _ n: Int) -> Double { Double(n) / Double(max(o.statistics.answers, 1)) }
        let maxRate = max(0.01, officials.map { perAnswer($0, $0.statistics.deflections.reduce(0) { $0 + $1.count }) }.max() ?? 1)
        let used = Code.deflections.filter { c in officials.contains { $0.statistics.deflections.contains { $0.code == c } } }
        let legendRows = (used.count + 2) / 3
        let height = top + row * Double(max(officials.count, 1)) + 12 + 20 * Double(legendRows)
        var h = svgOpen(left + width + 20, height, label: "Deflection profile of each official")
        for (i, o) in officials.enumerated() {
            let y = top + row * Double(i)
            let total = o.statistics.deflections.reduce(0) { $0 + $1.count }
            let label = "\(i + 1). \(String(o.official.description.prefix(36)))  \(total) in \(o.statistics.answers) answers (\(fmt(perAnswer(o, total), 2))/answer)"
            h += "<text x=\"\(fmt(left))\" y=\"\(fmt(y + 12))\" class=\"label\">\(esc(label))</text>\n"
            var x = left
            for c in Code.deflections {
                guard let cc = o.statistics.deflections.first(where: { $0.code == c }) else { continue }
                let w = width * perAnswer(o, cc.count) / maxRate
                h += "<rect x=\"\(fmt(x))\" y=\"\(fmt(y + 17))\" width=\"\(fmt(w))\" height=\"12\" fill=\"\(colours[c]!)\"><title>\(c.rawValue): \(cc.count) detections in \(cc.turns) turns (\(fmt(perAnswer(o, cc.count), 2)) per answer)</title></rect>"
                x += w
            }
            h += "\n"
        }
        let legendTop = top + row * Double(max(officials.count, 1)) + 6
        for (i, c) in used.enumerated() {
            let lx = left + Double(i % 3) * 150, ly = legendTop + Double(i / 3) * 20
            h += "<rect x=\"\(fmt(lx))\" y=\"\(fmt(ly))\" width=\"12\" height=\"12\" fill=\"\(colours[c]!)\" />"
            h += "<text x=\"\(fmt(lx + 16))\" y=\"\(fmt(ly + 10))\" class=\"axis\">\(c.rawValue)</text>\n"
        }
        return h + "</svg>\n"
    }

    /// Score of each official turn along the call, with the grade thresholds as dashed lines;
    /// each dot links to its answer's row when the table lists it.
    static func seriesChart(_ c: CallSummary, thresholds: [Double], links: Links? = nil) -> String {
        let left = 34.0, width = 440.0, top = 10.0, plot = 140.0
        let n = max(c.series.count, 2)
        func x(_ i: Int) -> Double { left + 12 + (width - 24) * Double(i - 1) / Double(n - 1) }
        func y(_ v: Double) -> Double { top + plot * (1 - min(max(v, 0), 100) / 100) }
        var h = svgOpen(left + width + 20, top + plot + 28, label: "Score along the call")
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
            let id = anchor(document: c.entry.document, call: c.entry.call, officialTurn: p.officialTurn)
            let linked = links?.listed.contains(id) == true
            if linked { h += "<a href=\"#\(id)\">" }
            h += "<circle cx=\"\(fmt(x(p.officialTurn)))\" cy=\"\(fmt(y(p.score)))\" r=\"\(p.grade == nil ? 2.5 : 4)\" class=\"\(cls)\"><title>official turn \(p.officialTurn): \(fmt(p.score)) (grade \(p.grade.map(String.init) ?? "–"))</title></circle>"
            if linked { h += "</a>" }
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
    body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 24px auto; padding: 0 16px; color: #222; max-width: 1240px; line-height: 1.45; }
    h1 { font-size: 1.6em; margin-bottom: 4px; }
    h2 { border-bottom: 2px solid #ddd; padding-bottom: 4px; margin-top: 32px; }
    h3 { font-size: 1.05em; margin-bottom: 4px; }
    a { color: #2c6fbb; }
    nav a { margin-right: 2px; }
    table { border-collapse: collapse; font-size: 0.86em; margin: 8px 0; }
    th, td { border: 1px solid #ddd; padding: 3px 6px; vertical-align: top; text-align: left; }
    th { background: #f4f4f4; }
    th.sort { cursor: pointer; } th.sort::after { content: " ⇅"; color: #aaa; }
    th[aria-sort="ascending"]::after { content: " ▲"; color: #333; } th[aria-sort="descending"]::after { content: " ▼"; color: #333; }
    td.n { text-align: right; font-variant-numeric: tabular-nums; }
    .note { color: #666; font-size: 0.9em; }
    .small { font-size: 0.9em; }
    .hidden { display: none; }
    tr.hide { display: none; }
    .dup { color: #a05a00; }
    div.scroll { overflow-x: auto; max-width: 100%; }
    input.filter { font: inherit; font-size: 0.9em; padding: 3px 6px; margin: 6px 0 0; width: 16em; max-width: 100%; box-sizing: border-box; }
    svg.chart { display: block; margin: 8px 0 16px; font-size: 12px; max-width: 100%; height: auto; }
    svg.chart:not(.referrals) { width: 100%; max-width: 640px; }
    svg .grid { stroke: #e4e4e4; }
    svg .axis { fill: #666; font-size: 11px; }
    svg .label { fill: #222; font-size: 12px; }
    svg .whisker { stroke: #555; stroke-width: 1.5; }
    svg .dot { fill: #2c6fbb; } svg .dot.hollow { fill: #fff; stroke: #2c6fbb; stroke-width: 2; }
    svg .frame { fill: #fafafa; stroke: #ccc; }
    svg .threshold { stroke: #999; stroke-dasharray: 4 3; }
    svg .line { fill: none; stroke: #555; stroke-width: 1.2; }
    svg .g0 { fill: #deebf7; stroke: #4292c6; } svg .g1 { fill: #9ecae1; stroke: #2171b5; } svg .g2 { fill: #4292c6; } svg .g3 { fill: #08519c; } svg .gx { fill: #bbbbbb; }
    .grade { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 0.85em; margin: 2px 0; }
    .grade.g0, tr.g0 td.grade { background: #deebf7; } .grade.g1, tr.g1 td.grade { background: #9ecae1; }
    .grade.g2, tr.g2 td.grade { background: #4292c6; color: #fff; } .grade.g3, tr.g3 td.grade { background: #08519c; color: #fff; }
    .grade.gx { background: #e8e8e8; }
    .legend { font-size: 0.85em; margin: 4px 0; }
    table.officials tr.caution td { background: #fffbea; }
    table.answers { width: 100%; }
    table.answers td:nth-child(9) { min-width: 16em; }
    table.answers td.ask { color: #444; min-width: 10em; max-width: 22em; }
    td.why ul { list-style: none; margin: 0; padding: 0; font-size: 0.82em; min-width: 14em; }
    td.why li { margin: 0 0 1px; } td.why li b { display: inline-block; min-width: 3.4em; text-align: right; font-variant-numeric: tabular-nums; color: #1a7f37; }
    td.why li.neg b { color: #b42318; } td.why small { color: #666; }
    tr.dup { opacity: 0.55; }
    tr.skipped td { color: #a00; }
    tr:target td { background: #fff3b0; }
    mark { background: #fff3b0; border-bottom: 3px solid; padding: 0 1px; }
    mark.d { background: #fde2dd; } mark.a { background: #dff3df; } mark.m { background: #eeeeee; }
    mark sub { font-size: 0.62em; color: #555; margin-left: 2px; }
    .code { color: #fff; font-size: 0.75em; padding: 1px 4px; border-radius: 3px; text-shadow: 0 0 2px #000; white-space: nowrap; }
    .loc { color: #666; font-family: monospace; }
    ul.quotes { margin-top: 4px; padding-left: 1.2em; } ul.quotes li { margin-bottom: 6px; }
    .ask { color: #555; }
    svg.referrals { max-width: none; height: auto; }
    .narrow-only { display: none; }
    svg .org-name { fill: #2c6fbb; font-size: 14px; font-weight: bold; }
    .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 5px; margin-left: 6px; }
    svg.referrals .edge { fill: none; stroke-opacity: 0.55; }
    svg.referrals a:hover .edge { stroke-opacity: 0.95; }
    svg.referrals .org { fill: #eef3fa; stroke: #2c6fbb; }
    svg.referrals .kind { font-size: 12px; font-weight: bold; }
    ol.edges { font-size: 0.9em; padding-left: 1.6em; } ol.edges li { margin-bottom: 6px; } ol.edges li:target { background: #fff3b0; }
    span.kind { color: #555; font-size: 0.85em; }
    @media (max-width: 700px) {
      body { margin: 8px auto; padding: 0 10px; }
      h1 { font-size: 1.3em; }
      table.cards, table.cards tbody, table.cards tr, table.cards td { display: block; width: auto; }
      table.cards thead { display: none; }
      table.cards tr { border: 1px solid #ccc; border-radius: 4px; margin: 0 0 10px; padding: 4px 6px; }
      table.cards tr.hide { display: none; }
      table.cards td { border: none; padding: 1px 0; max-width: none; min-width: 0; text-align: left; }
      table.cards td::before { content: attr(data-label) ": "; color: #888; font-size: 0.85em; }
      table.cards td:empty { display: none; }
      table.answers td.why::before, table.answers td[data-label="answer"]::before { display: block; }
      table.answers td:nth-child(9), table.answers td.ask, td.why ul { min-width: 0; max-width: none; }
      svg.chart { margin: 4px 0 10px; }
      .wide-only { display: none; }
      .narrow-only { display: block; }
    }
    @media print {
      body { margin: 0; max-width: none; font-size: 10pt; }
      nav, input.filter, #answers-filter { display: none; }
      th.sort::after { content: none; }
      div.scroll { overflow: visible; }
      .wide-only { display: block; } .narrow-only { display: none; }
      svg.chart, svg.referrals { max-width: 100%; height: auto; }
      tr, li, svg { break-inside: avoid; }
      tr.hide { display: table-row; }
      a { color: inherit; text-decoration: none; }
    }
    """

    /// Sorting by a column (click or Enter on its header), a filter box above every table, and
    /// the answers of one official or call on following their link. Nothing is hidden until a
    /// reader asks, and the page reads the same without it.
    static let script = """
    (function () {
      "use strict";
      var each = function (list, f) { Array.prototype.forEach.call(list, f); };
      function key(cell) {
        var v = cell.getAttribute("data-v");
        if (v === null) { v = cell.textContent.trim(); }
        var n = parseFloat(v);
        return /^-?[0-9.]+/.test(v) && !isNaN(n) ? [0, n] : [1, v];
      }
      function compare(a, b) { return a[0] !== b[0] ? a[0] - b[0] : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0; }
      each(document.querySelectorAll("table.sortable"), function (table) {
        var head = table.tHead, body = table.tBodies[0];
        if (!head || !body) { return; }
        each(head.rows[0].cells, function (th, column) {
          th.className += " sort";
          th.tabIndex = 0;
          function sort() {
            var down = th.getAttribute("aria-sort") === "ascending";
            each(head.rows[0].cells, function (c) { c.removeAttribute("aria-sort"); });
            th.setAttribute("aria-sort", down ? "descending" : "ascending");
            var rows = Array.prototype.slice.call(body.rows);
            rows.sort(function (x, y) { var r = compare(key(x.cells[column]), key(y.cells[column])); return down ? -r : r; });
            each(rows, function (r) { body.appendChild(r); });
          }
          th.addEventListener("click", sort);
          th.addEventListener("keydown", function (e) { if (e.key === "Enter") { sort(); } });
        });
      });
      var only = null;
      var note = document.getElementById("answers-filter");
      function apply(table) {
        var box = table.filterBox, words = box ? box.value.toLowerCase() : "";
        each(table.tBodies[0].rows, function (r) {
          var shown = (!words || r.textContent.toLowerCase().indexOf(words) >= 0);
          if (only && table.classList.contains("answers")) { shown = shown && r.getAttribute(only[0]) === only[1]; }
          r.classList.toggle("hide", !shown);
        });
      }
      each(document.querySelectorAll("table.filterable"), function (table) {
        var box = document.createElement("input");
        box.type = "search";
        box.className = "filter";
        box.placeholder = "filter rows…";
        box.setAttribute("aria-label", "filter the rows of this table");
        box.addEventListener("input", function () { apply(table); });
        table.filterBox = box;
        var holder = table.parentNode.classList.contains("scroll") ? table.parentNode : table;
        holder.parentNode.insertBefore(box, holder);
      });
      var answers = document.querySelector("table.answers");
      function show(attr, value, label) {
        only = attr ? [attr, value] : null;
        if (answers) { apply(answers); }
        if (!note) { return; }
        note.classList.toggle("hidden", !attr);
        note.textContent = attr ? "Showing the answers of " + label + ". " : "";
        if (attr) {
          var all = document.createElement("a");
          all.href = "#answers";
          all.textContent = "Show all answers";
          all.addEventListener("click", function () { show(null); });
          note.appendChild(all);
        }
      }
      each(document.querySelectorAll("a[data-official], a[data-call]"), function (a) {
        a.addEventListener("click", function () {
          var attr = a.hasAttribute("data-official") ? "data-official" : "data-call";
          show(attr, a.getAttribute(attr), attr === "data-call" ? "call " + a.getAttribute(attr) : a.textContent);
        });
      });
      window.addEventListener("hashchange", function () {
        var target = document.getElementById(location.hash.slice(1));
        if (target && target.classList.contains("hide")) { show(null); }
      });
    })();
    """
}
