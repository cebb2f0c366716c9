import Foundation
import TuiweiCore
import TuiweiAggregates
import TuiweiScoring

/// Where the buck goes, in every format: `referrals.csv` (one row per target), the `target`,
/// `edge` and `chain` lines of `analysis.jsonl`, the table of `report.md` and the diagram of
/// `report.html`.
public enum ReferralReport {
    public static let columns = [
        "official", "organisation", "document", "call", "turn", "code", "target", "body", "kind", "basis",
        "line", "column", "quote", "rule", "duplicate_of",
    ]

    // MARK: referrals.csv

    /// The rows of `answers`' targets (no header).
    public static func csvRows(_ answers: [ScoredAnswer], copies: [CallID: DuplicateLink]) -> String {
        var out = TextBytes(capacity: 256)
        var duplicate = DuplicateLookup(copies)
        for a in answers where !a.targets.isEmpty {
            let original = duplicate.of(document: a.score.document, call: a.score.call)
            for t in a.targets {
                let quote = clause(of: t, in: a)
                out.csvField(a.official.description); out.byte(comma)
                out.csvField(a.official.organisation); out.byte(comma)
                out.csvField(a.score.document); out.byte(comma)
                out.int(a.score.call); out.byte(comma)
                out.int(a.score.turnNumber); out.byte(comma)
                out.text(t.code.rawValue); out.byte(comma)
                out.csvField(t.text); out.byte(comma)
                out.csvField(t.body); out.byte(comma)
                out.csvField(t.kind); out.byte(comma)
                out.text(t.basis.rawValue); out.byte(comma)
                out.int(t.location.line); out.byte(comma)
                out.int(t.location.column); out.byte(comma)
                out.csvField(quote); out.byte(comma)
                out.csvField(t.rule.description); out.byte(comma)
                out.csvField(original ?? "")
                out.raw("\r\n")
            }
        }
        return out.string
    }

    private static let comma = UInt8(ascii: ",")

    /// The clause of the turn around a target (around its detection, when unnamed).
    static func clause(of t: ReferralTarget, in a: ScoredAnswer) -> String {
        let detection = t.detection < a.score.detections.count ? a.score.detections[t.detection] : nil
        return Quote.clause(around: t.basis == .none ? detection?.range ?? t.range : t.range, in: a.text)
    }

    // MARK: analysis.jsonl

    /// The `edge` lines (organisations', then officials') and the `chain` lines.
    /// The `edge` and `chain` lines, handed to `emit` a few hundred at a time.
    static func mapLines(_ map: ReferralMap, emit: (String) throws -> Void) rethrows {
        let all = map.organisations + map.officials
        var start = 0
        while start < all.count {
            let end = min(all.count, start + 256)
            var edges = TextBytes(capacity: (end - start) * 512)
            for e in all[start..<end] { edges.edgeLine(e, kindLabel: map.label(ofKind: e.kind)) }
            try emit(edges.string)
            start = end
        }
        let encoder = JSONLinesReport.encoder()
        for c in map.chains { try emit(JSONLinesReport.line("chain", c, encoder)) }
    }

    // MARK: report.md

    static func markdown(_ s: CorpusSummary) -> String {
        let map = s.referrals
        var out = "\n## Where the buck goes\n\n"
        guard !map.organisations.isEmpty else {
            return out + "No referral, jurisdiction or deference detection in the analysed calls.\n"
        }
        out += "The bodies each organisation's officials pointed the caller to, from the words around every REFERRAL, JURISDICTION, DEFER_UP and DEFER_ADMIN detection (and GATEKEEPING that names an office); kinds from `lexicons/scoring/bodies.tsv`. Every target is in referrals.csv.\n\n"
        out += "| organisation | kind | body | times | calls | strongest quote |\n|---|---|---|---:|---:|---|\n"
        for e in map.organisations {
            out += "| \(cell(e.organisation)) | \(cell(map.label(ofKind: e.kind))) | \(cell(e.body)) | \(e.count) | \(e.calls) | \(quoteText(e.quote)) |\n"
        }
        out += "\nBy official:\n\n| official | bodies pointed to |\n|---|---|\n"
        // Each official's edges stand together: one row per run, read in place.
        let edges = map.officials
        var start = 0
        while start < edges.count {
            var end = start + 1
            while end < edges.count, edges[end].official == edges[start].official { end += 1 }
            let bodies = edges[start..<end].map { "\($0.body) ×\($0.count)" }.joined(separator: ", ")
            out += "| \(cell(edges[start].official!.description)) | \(cell(bodies)) |\n"
            start = end
        }
        out += "\n"
        if map.chains.isEmpty {
            out += "Chains: none in this corpus — no body pointed to was itself called and pointed on.\n"
        } else {
            out += "Chains (a body pointed to was itself called and pointed on):\n\n"
            for c in map.chains { out += "- " + chainText(c) + "\n" }
        }
        return out
    }

    static func chainText(_ c: ReferralChain) -> String {
        var parts: [String] = []
        for h in c.hops {
            parts.append("\(h.organisation) → \(h.body) (\(h.quote.location.document):\(h.quote.location.line))")
        }
        var text = parts.joined(separator: " ⇒ ")
        if let last = c.hops.last?.calledAs { text += " = \(last)" }
        if c.pointsBack { text += " — points back" }
        return cell(text)
    }

    static func quoteText(_ q: Quote) -> String {
        let quoted = q.text.range(of: q.evidence).map { q.text.replacingCharacters(in: $0, with: "**\(q.evidence)**") } ?? q.text
        let asked = q.question.isEmpty ? "" : "Q: “\(q.question)” A: "
        return cell("\(asked)“\(quoted)” — \(q.code.rawValue) — \(q.location.document):\(q.location.line)")
    }

    static func cell(_ s: String) -> String { MarkdownReport.cell(s) }

    // MARK: report.html

    /// The section: the diagram, the list of edges it links to, and the chains.
    static func htmlSection(_ s: CorpusSummary, links: HTMLReport.Links? = nil) -> String {
        let links = links ?? HTMLReport.Links(s)
        let map = s.referrals
        var h = "<section id=\"referrals\">\n<h2>Where the buck goes</h2>\n"
        guard !map.organisations.isEmpty else {
            return h + "<p class=\"note\">No referral, jurisdiction or deference detection in the analysed calls.</p>\n</section>\n"
        }
        h += "<p class=\"note\">Organisations on the left, the bodies their officials pointed to on the right, grouped by kind; a line is as thick as the number of times "
        h += "(on a narrow screen, each organisation's bodies as bars as long as the number of times, coloured by kind). Follow a line or a bar to its strongest quote below; referrals.csv lists every one.</p>\n"
        h += diagram(map)
        h += narrowDiagram(map)
        h += "<ol class=\"edges\">\n"
        for (i, e) in map.organisations.enumerated() {
            let q = e.quote
            let quoted = q.text.range(of: q.evidence).map {
                HTMLReport.esc(String(q.text[..<$0.lowerBound])) + "<mark class=\"d\">\(HTMLReport.esc(q.evidence))</mark>" + HTMLReport.esc(String(q.text[$0.upperBound...]))
            } ?? HTMLReport.esc(q.text)
            h += "<li id=\"edge-\(i + 1)\"><b>\(HTMLReport.esc(e.organisation)) → \(HTMLReport.esc(e.body))</b> "
            h += "<span class=\"kind\">\(HTMLReport.esc(map.label(ofKind: e.kind)))</span> ×\(e.count) in \(e.calls) call\(e.calls == 1 ? "" : "s") "
            h += "(\(HTMLReport.esc(e.callList.joined(separator: ", "))))<br />"
            if !q.question.isEmpty { h += "<span class=\"ask\">Q: <q lang=\"zh-Hans\">\(HTMLReport.esc(q.question))</q></span><br />" }
            h += "A: <q lang=\"zh-Hans\">\(quoted)</q> "
            h += "<span class=\"code\" style=\"background:\(HTMLReport.colours[q.code] ?? "#999")\">\(q.code.rawValue)</span> "
            let place = "\(HTMLReport.esc(q.location.document)):\(q.location.line):\(q.location.column)"
            if let id = links.quote(q) {
                h += "<a class=\"loc\" href=\"#\(id)\">\(place)</a></li>\n"
            } else {
                h += "<span class=\"loc\">\(place)</span></li>\n"
            }
        }
        h += "</ol>\n"
        if map.chains.isEmpty {
            h += "<p class=\"note\">Chains: none in this corpus — no body pointed to was itself called and pointed on.</p>\n"
        } else {
            h += "<h3>Chains</h3>\n<ul class=\"chains\">\n"
            for c in map.chains { h += "<li>\(HTMLReport.esc(chainText(c)))</li>\n" }
            h += "</ul>\n"
        }
        return h + "</section>\n"
    }

    /// The diagram for a narrow screen: per organisation, one bar per body it points to, as long
    /// as its count and coloured by its kind, each linked to its quote (the curves of `diagram`
    /// need more width than a phone has).
    static func narrowDiagram(_ map: ReferralMap) -> String {
        let edges = map.organisations
        let width = 360.0, row = 20.0, labelWidth = 150.0
        let maxCount = Double(edges.map(\.count).max() ?? 1)
        var organisations = 0
        for (i, e) in edges.enumerated() where i == 0 || edges[i - 1].organisation != e.organisation { organisations += 1 }
        let height = Double(edges.count) * row + Double(organisations) * 26 + 8
        var h = "<div class=\"narrow-only\">" + HTMLReport.svgOpen(width, height, class: "chart buck-narrow",
                                                                 label: "Where the buck goes: the bodies each organisation's officials pointed to")
        var y = 4.0
        for (i, e) in edges.enumerated() {
            if i == 0 || edges[i - 1].organisation != e.organisation {
                h += "<text x=\"0\" y=\"\(fmt(y + 16))\" class=\"org-name\">\(HTMLReport.esc(e.organisation))</text>\n"
                y += 26
            }
            let w = max(2, (width - labelWidth - 40) * Double(e.count) / maxCount)
            h += "<a href=\"#edge-\(i + 1)\"><circle cx=\"6\" cy=\"\(fmt(y + row / 2))\" r=\"4\" fill=\"\(colour(e.kind, in: map))\" />"
            h += "<text x=\"16\" y=\"\(fmt(y + 14))\" class=\"label\">\(HTMLReport.esc(String(e.body.prefix(9))))</text>"
            h += "<rect x=\"\(fmt(labelWidth))\" y=\"\(fmt(y + 4))\" width=\"\(fmt(w))\" height=\"\(fmt(row - 8))\" fill=\"\(colour(e.kind, in: map))\"><title>\(HTMLReport.esc(e.organisation)) → \(HTMLReport.esc(e.body)) (\(HTMLReport.esc(map.label(ofKind: e.kind)))): \(e.count)×</title></rect>"
            h += "<text x=\"\(fmt(labelWidth + w + 4))\" y=\"\(fmt(y + 14))\" class=\"axis\">×\(e.count)</text></a>\n"
            y += row
        }
        h += "</svg>"
        // The kinds' colours, since the bars carry no kind label.
        h += "<p class=\"legend\">"
        let used = Set(edges.map(\.kind))
        for k in map.kinds where used.contains(k.id) {
            h += "<span class=\"swatch\" style=\"background:\(colour(k.id, in: map))\"></span> \(HTMLReport.esc(k.label)) "
        }
        return h + "</p></div>\n"
    }

    /// One colour per kind, in table order.
    static func colour(_ kind: String, in map: ReferralMap) -> String {
        let palette = ["#c0392b", "#2980b9", "#16a085", "#e67e22", "#8e44ad", "#d35400", "#27ae60",
                       "#2c3e50", "#7f8c8d", "#e84393", "#b7950b", "#95a5a6"]
        let i = map.kinds.firstIndex { $0.id == kind } ?? (map.kinds.count)
        return palette[i % palette.count]
    }

    /// Organisations on the left, bodies grouped by kind on the right, one curve per edge with a
    /// width by count, each curve a link to its quote.
    static func diagram(_ map: ReferralMap) -> String {
        let edges = map.organisations
        var organisations: [String] = []
        for e in edges where organisations.last != e.organisation { organisations.append(e.organisation) }
        // Bodies in kind order (the table's), then by total count, then name.
        var totals: [String: Int] = [:], kindOf: [String: String] = [:]
        for e in edges {
            let key = e.kind + "\t" + e.body
            totals[key, default: 0] += e.count
            kindOf[key] = e.kind
        }
        let rank = Dictionary(uniqueKeysWithValues: map.kinds.enumerated().map { ($1.id, $0) })
        let bodies = totals.keys.sorted { a, b in
            let ka = rank[kindOf[a]!] ?? Int.max, kb = rank[kindOf[b]!] ?? Int.max
            return ka != kb ? ka < kb : totals[a]! != totals[b]! ? totals[a]! > totals[b]! : a < b
        }
        let row = 22.0, top = 16.0, width = 600.0, leftBox = 150.0, rightX = 330.0
        var y: [String: Double] = [:]
        var labels: [(kind: String, y: Double)] = []
        var cursor = top
        var lastKind = ""
        for key in bodies {
            if kindOf[key] != lastKind {
                lastKind = kindOf[key]!
                cursor += lastKind == kindOf[bodies[0]] ? 0 : 8
                labels.append((lastKind, cursor + 12))
                cursor += row
            }
            y[key] = cursor + row / 2
            cursor += row
        }
        let height = max(cursor + 10, top + Double(organisations.count) * 60 + 20)
        // Organisations spread over the height, each a box.
        let slot = (height - top) / Double(max(organisations.count, 1))
        var orgY: [String: Double] = [:]
        for (i, o) in organisations.enumerated() { orgY[o] = top + slot * (Double(i) + 0.5) }
        let maxCount = Double(edges.map(\.count).max() ?? 1)
        var h = "<div class=\"scroll wide-only\"><svg class=\"chart referrals\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(fmt(width, 0))\" height=\"\(fmt(height, 0))\" viewBox=\"0 0 \(fmt(width, 0)) \(fmt(height, 0))\" role=\"img\" aria-label=\"Where the buck goes: organisations and the bodies their officials pointed to\">\n"
        for (i, e) in edges.enumerated() {
            let key = e.kind + "\t" + e.body
            guard let y1 = orgY[e.organisation], let y2 = y[key] else { continue }
            let x1 = leftBox + 10, x2 = rightX - 6, mid = (x1 + x2) / 2
            let w = 1.5 + 9 * (Double(e.count) / maxCount).squareRoot()
            h += "<a href=\"#edge-\(i + 1)\"><path d=\"M\(fmt(x1)) \(fmt(y1)) C\(fmt(mid)) \(fmt(y1)) \(fmt(mid)) \(fmt(y2)) \(fmt(x2)) \(fmt(y2))\" "
            h += "class=\"edge\" stroke=\"\(colour(e.kind, in: map))\" stroke-width=\"\(fmt(w))\">"
            h += "<title>\(HTMLReport.esc(e.organisation)) → \(HTMLReport.esc(e.body)) (\(HTMLReport.esc(map.label(ofKind: e.kind)))): \(e.count)× in \(e.calls) call\(e.calls == 1 ? "" : "s")</title></path></a>\n"
        }
        for o in organisations {
            let cy = orgY[o]!
            h += "<rect x=\"10\" y=\"\(fmt(cy - 16))\" width=\"\(fmt(leftBox))\" height=\"32\" rx=\"4\" class=\"org\" />"
            h += "<text x=\"\(fmt(10 + leftBox / 2))\" y=\"\(fmt(cy + 5))\" text-anchor=\"middle\" class=\"label\">\(HTMLReport.esc(o))</text>\n"
        }
        for l in labels {
            h += "<text x=\"\(fmt(rightX))\" y=\"\(fmt(l.y))\" class=\"kind\" fill=\"\(colour(l.kind, in: map))\">\(HTMLReport.esc(map.label(ofKind: l.kind)))</text>\n"
        }
        for key in bodies {
            let body = String(key.split(separator: "\t", maxSplits: 1).last ?? "")
            h += "<circle cx=\"\(fmt(rightX))\" cy=\"\(fmt(y[key]!))\" r=\"4\" fill=\"\(colour(kindOf[key]!, in: map))\" />"
            h += "<text x=\"\(fmt(rightX + 10))\" y=\"\(fmt(y[key]! + 4))\" class=\"label\">\(HTMLReport.esc(body)) <tspan class=\"axis\">×\(totals[key]!)</tspan></text>\n"
        }
        return h + "</svg></div>\n"
    }
}

