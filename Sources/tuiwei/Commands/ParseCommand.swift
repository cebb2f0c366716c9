import Foundation
import TuiweiCore
import TuiweiPipeline
import TuiweiTranscript

enum ParseCommand: Command {
    static let spec = CommandSpec(
        name: "parse",
        synopsis: "tuiwei parse [PATH…] [--json] [--explain] [--no-detect] [--lexicon PATH]…",
        summary: "Print the structure read from documents: kind and status, calls, speakers with roles, turns, events, exchanges, duplicate calls.",
        options: LexiconOptions.specs + [
            .flag("--json", "One JSON object per document (JSON Lines), then one with the duplicate links."),
            .flag("--no-detect", "Leave out the deflection and answer codes of official turns."),
            .flag("--explain", "Also show why each span shaped like a label was or was not taken as one, and the evidence for each speaker's side and official status."),
        ],
        details: "PATH is a .txt file, a directory (searched recursively for .txt files) or - for standard input.\nWith no PATH, the bundled corpus/ is read.")

    static func run(_ args: ParsedArguments) async throws -> Int32 {
        let paths = try CorpusArguments.paths(args.positional)
        let loaded = args.flag("--no-detect") ? nil : try LexiconOptions.load(args)
        let detection = loaded?.detection
        let conventions = try loaded?.conventions ?? LexiconOptions.conventions(args)
        // Each document's calls are shown with the call they repeat, so the corpus is read for its
        // call fingerprints first, as a streaming run's survey reads it; what fits the holding
        // budget is kept for the second pass, the rest read again, so memory does not grow with
        // the corpus.
        let sources = TranscriptReader.sources(at: paths)
        let held = HeldDocuments(budget: AnalysisEngine.defaultHeldTextBytes)
        let links = await CorpusSurvey.read(sources, conventions: conventions, jobs: ProcessInfo.processInfo.activeProcessorCount,
                                            holding: held, streamedBytes: try CorpusArguments.streamedBytes()).links
        var allAnalysed = true
        let explain = args.flag("--explain")
        for (i, source) in sources.enumerated() {
            // A file the survey planned to read a call at a time is shown a call at a time.
            if let plan = held.takePlan(i) {
                var reader = plan.calls()
                let calls = AnyIterator { reader.next() }
                let detected = calls.lazy.map { c in (c, detection?.analyse(plan.document(with: [c])).first?.detectionsByTurn ?? [:]) }
                show(plan.shell, calls: detected, links: links, json: args.flag("--json"), explain: explain)
                continue
            }
            let d = held.take(i) ?? TranscriptReader.read(source, conventions: conventions)
            allAnalysed = allAnalysed && d.status.isAnalysed
            var found: [Int: [Int: [Detection]]] = [:]
            if let detection { for c in detection.analyse(d) { found[c.call.index] = c.detectionsByTurn } }
            if args.flag("--json") {
                StructureJSON.writeDocument(d, links: links, detections: found, explain: explain) { print($0, terminator: "") }
                print()
            } else {
                print(StructureText.describe(d, links: links, detections: found, explain: explain))
            }
        }
        if args.flag("--json") { print(StructureJSON.line(["duplicates": links.map(StructureJSON.link)])) }
        return allAnalysed ? ExitStatus.ok : ExitStatus.partial
    }
}

extension ParseCommand {
    /// Prints a document whose calls come one at a time, each with its detections by turn: the
    /// bytes `describe` or `writeDocument` give for the document with all its calls.
    static func show(_ d: Document, calls: some Sequence<(Call, [Int: [Detection]])>, links: [DuplicateLink], json: Bool, explain: Bool) {
        if json {
            StructureJSON.writeDocument(d, calls: calls, links: links, explain: explain) { print($0, terminator: "") }
            print()
        } else {
            print(StructureText.head(d, explain: explain), terminator: "")
            for (c, found) in calls { print(StructureText.call(c, of: d, links: links, detections: found, explain: explain), terminator: "") }
            print(StructureText.tail(d))
        }
    }
}

/// Resolves the corpus arguments shared by the commands: none means the bundled corpus.
enum CorpusArguments {
    /// The size from which a transcript file is read a call at a time, in passes over the file
    /// (`TUIWEI_STREAM_MB`, in megabytes; 64 unless set): lower it on a machine short of memory.
    static func streamedBytes() throws -> Int {
        guard let value = ProcessInfo.processInfo.environment["TUIWEI_STREAM_MB"] else { return StreamedTranscript.defaultMinimumBytes }
        guard let mb = Double(value), mb >= 0, mb <= 1_048_576 else {
            throw UsageError(message: "TUIWEI_STREAM_MB is '\(value)': set it to a number of megabytes (0 reads every transcript a call at a time), or unset it for 64")
        }
        return max(1, Int(mb * 1_048_576))
    }

    static func paths(_ positional: [String]) throws -> [String] {
        if !positional.isEmpty { return positional }
        guard let dir = ProjectLayout.corpusDirectory() else {
            throw UsageError(message: "no corpus given, and " + ProjectLayout.notFound("the bundled corpus/", option: "the files or folders to read"))
        }
        return [dir]
    }

    /// Prints every document that took no part (missing, unreadable, not read as a transcript)
    /// on standard error; true when there was one, for exit status 1.
    static func reportUnread(_ documents: [Document], command: String) -> Bool {
        let unread = documents.filter { !$0.status.isAnalysed }
        for d in unread { printError("tuiwei \(command): \(d.path): \(d.status)") }
        return !unread.isEmpty
    }
}

/// Plain-text rendering of a document's structure, for reading in a terminal.
enum StructureText {
    static func describe(_ d: Document, links: [DuplicateLink], detections: [Int: [Int: [Detection]]] = [:], explain: Bool = false) -> String {
        var out = head(d, explain: explain)
        for c in d.calls { out += call(c, of: d, links: links, detections: detections[c.index] ?? [:], explain: explain) }
        return out + tail(d)
    }

    /// The document's line, its label decisions and its preamble.
    static func head(_ d: Document, explain: Bool) -> String {
        var out = "\(d.id)  \(d.kind.rawValue)  \(d.status)  \(d.encoding ?? "-")  \(d.path)\n"
        if explain, !d.labels.isEmpty {
            out += "  label candidates:\n"
            for l in d.labels {
                out += "    L\(l.line):\(l.column) '\(l.written)' ×\(l.count) → \(l.speaker.map { "speaker '\($0)'" } ?? "not a label"): \(l.reasons.joined(separator: "; "))\n"
            }
        }
        for p in d.preamble { out += "  preamble (line \(p.lines.lowerBound)): \(clip(p.text, 60))\n" }
        return out
    }

    /// One call: its header, duplicate link, speakers, turns with their codes, events.
    static func call(_ c: Call, of d: Document, links: [DuplicateLink], detections: [Int: [Detection]], explain: Bool) -> String {
        var out = "  call \(c.index)"
            if let h = c.header { out += " (line \(h.lines.lowerBound)): \(h.text)" }
            let meta = [c.organisation.map { "organisation \($0)" }, c.department.map { "department \($0)" }, c.person.map { "person \($0)" }].compactMap { $0 }
            if !meta.isEmpty { out += "  [\(meta.joined(separator: ", "))]" }
            out += "\n"
            for l in links where l.document == d.id && l.call == c.index {
                out += "    duplicate of \(l.original) call \(l.originalCall): \(percent(l.containment)) of its official speech found there, covering \(percent(l.coverage)) of the original\n"
            }
            out += "    speakers:\n"
            for s in c.speakers {
                let attrs = [s.organisation.map { "organisation \($0)" }, s.department.map { "department \($0)" }, s.title.map { "title \($0)" },
                             s.person.map { "person \($0)" }, s.surname.map { "surname \($0)" }].compactMap { $0 }
                out += "      \(s.label) (\(s.role.rawValue))" + (s.aliases.count > 1 ? " aka \(s.aliases.joined(separator: ", "))" : "") + (attrs.isEmpty ? "" : "  \(attrs.joined(separator: ", "))") + "\n"
                if explain, !s.evidence.isEmpty { out += "        why: \(s.evidence.joined(separator: "; "))\n" }
            }
            out += "    turns: \(c.turns.count) (\(c.turns.filter { $0.role == .official }.count) official), exchanges: \(c.exchanges.count)\n"
            var events = c.events.makeIterator()
            var nextEvent = events.next()
            for t in c.turns {
                while let e = nextEvent, (e.afterTurn ?? -1) < t.index {
                    out += "      ~ \(e.kind.rawValue) (line \(e.passage.lines.lowerBound)): \(clip(e.passage.text, 50))\n"
                    nextEvent = events.next()
                }
                let s = c.speakers[t.speaker]
                let mark = t.attribution == .continuation ? "+" : " "
                let codes = Set((detections[t.index] ?? []).map(\.code)).sorted().map(\.rawValue)
                out += "     \(mark)\(String(t.index).leftPad(3)) L\(String(t.lines.lowerBound).leftPad(4))  \(s.label): \(clip(t.text, 50))"
                    + (codes.isEmpty ? "" : "  [\(codes.joined(separator: " "))]") + "\n"
            }
            while let e = nextEvent {
                out += "      ~ \(e.kind.rawValue) (line \(e.passage.lines.lowerBound)): \(clip(e.passage.text, 50))\n"
                nextEvent = events.next()
            }
            for u in c.unattributed { out += "      ? unattributed (line \(u.lines.lowerBound)): \(clip(u.text, 50))\n" }
        return out
    }

    /// Paragraphs, removed noise and diagnostics.
    static func tail(_ d: Document) -> String {
        var out = ""
        if !d.paragraphs.isEmpty {
            let sentences = d.paragraphs.reduce(0) { $0 + Prose.sentences(of: $1).count }
            out += "  paragraphs: \(d.paragraphs.count), sentences: \(sentences)\n"
        }
        if !d.noise.isEmpty { out += "  removed: \(d.noise.map { "\($0.kind.rawValue) '\($0.text)' at line \($0.line)" }.joined(separator: "; "))\n" }
        for w in d.diagnostics { out += "  \(w)\n" }
        return out
    }

    static func clip(_ s: String, _ n: Int) -> String {
        let flat = s.replacingOccurrences(of: "\n", with: " ¶ ")
        return flat.count <= n ? flat : String(flat.prefix(n)) + "…"
    }

    static func percent(_ x: Double) -> String { "\(Int((x * 100).rounded()))%" }
}

extension String {
    func leftPad(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}

/// JSON rendering of a document's structure (stable key order).
enum StructureJSON {
    static func line(_ object: Any) -> String {
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    static func passage(_ p: Passage) -> [String: Any] {
        ["text": p.text, "line": p.lines.lowerBound, "end_line": p.lines.upperBound, "column": p.start.column]
    }

    static func link(_ l: DuplicateLink) -> [String: Any] {
        ["document": l.document, "call": l.call, "original": l.original, "original_call": l.originalCall,
         "containment": (l.containment * 1000).rounded() / 1000, "coverage": (l.coverage * 1000).rounded() / 1000]
    }

    static func detection(_ x: Detection) -> [String: Any] {
        ["code": x.code.rawValue, "text": x.text, "start": x.range.lowerBound, "end": x.range.upperBound,
         "line": x.location.line, "column": x.location.column, "rule": x.rule.description, "weight": x.weight]
    }

    static func document(_ d: Document, links: [DuplicateLink], detections: [Int: [Int: [Detection]]] = [:], explain: Bool = false,
                         withCalls: Bool = true) -> [String: Any] {
        var o: [String: Any] = ["id": d.id, "path": d.path, "kind": d.kind.rawValue, "status": d.status.name]
        if let reason = d.status.reason { o["reason"] = reason }
        o["encoding"] = d.encoding ?? NSNull()
        if explain {
            o["labels"] = d.labels.map { l -> [String: Any] in
                ["written": l.written, "line": l.line, "column": l.column, "count": l.count,
                 "speaker": l.speaker ?? NSNull(), "reasons": l.reasons]
            }
        }
        o["preamble"] = d.preamble.map(passage)
        o["paragraphs"] = d.paragraphs.map { p in passage(p).merging(["sentences": Prose.sentences(of: p).count]) { a, _ in a } }
        o["noise"] = d.noise.map { ["kind": $0.kind.rawValue, "line": $0.line, "text": $0.text] }
        o["diagnostics"] = d.diagnostics.map(\.description)
        if withCalls { o["calls"] = d.calls.map { call($0, of: d, links: links, detections: detections) } }
        return o
    }

    static func call(_ c: Call, of d: Document, links: [DuplicateLink], detections: [Int: [Int: [Detection]]]) -> [String: Any] {
        [
            "index": c.index,
            "header": c.header.map(passage) ?? NSNull(),
            "organisation": c.organisation ?? NSNull(), "department": c.department ?? NSNull(), "person": c.person ?? NSNull(),
            "duplicate_of": links.first { $0.document == d.id && $0.call == c.index }.map(link) ?? NSNull(),
            "speakers": c.speakers.map { s -> [String: Any] in
                ["id": s.id, "label": s.label, "aliases": s.aliases, "role": s.role.rawValue,
                 "organisation": s.organisation ?? NSNull(), "department": s.department ?? NSNull(), "surname": s.surname ?? NSNull(),
                 "side": s.side.rawValue, "official": s.isOfficial, "title": s.title ?? NSNull(), "person": s.person ?? NSNull(),
                 "evidence": s.evidence]
            },
            "turns": c.turns.map { t -> [String: Any] in
                ["index": t.index, "speaker": t.speaker, "role": t.role.rawValue, "text": t.text,
                 "line": t.lines.lowerBound, "end_line": t.lines.upperBound, "attribution": t.attribution.rawValue,
                 "detections": (detections[c.index]?[t.index] ?? []).map(detection)]
            },
            "events": c.events.map { e -> [String: Any] in
                ["kind": e.kind.rawValue, "after_turn": e.afterTurn ?? NSNull()].merging(passage(e.passage)) { a, _ in a }
            },
            "exchanges": c.exchanges.map { ["index": $0.index, "caller_turns": $0.callerTurns, "official_turns": $0.officialTurns] },
            "unattributed": c.unattributed.map(passage),
        ]
    }

    /// A document's line, written a call at a time, so that a document of many calls is never
    /// held as one tree: `calls` sorts first among its keys, so the line is `{"calls":[`, each
    /// call's object, `],` and the rest of the object — the bytes `line(document(…))` gives.
    static func writeDocument(_ d: Document, links: [DuplicateLink], detections: [Int: [Int: [Detection]]] = [:], explain: Bool = false,
                              write: (String) -> Void) {
        writeDocument(d, calls: d.calls.lazy.map { ($0, detections[$0.index] ?? [:]) }, links: links, explain: explain, write: write)
    }

    /// The same for a document whose calls, each with its detections by turn, come one at a time.
    static func writeDocument(_ d: Document, calls: some Sequence<(Call, [Int: [Detection]])>, links: [DuplicateLink], explain: Bool,
                              write: (String) -> Void) {
        write("{\"calls\":[")
        for (k, (c, found)) in calls.enumerated() {
            if k > 0 { write(",") }
            write(line(call(c, of: d, links: links, detections: [c.index: found])))
        }
        write("],")
        write(String(line(document(d, links: links, explain: explain, withCalls: false)).dropFirst()))
    }
}
