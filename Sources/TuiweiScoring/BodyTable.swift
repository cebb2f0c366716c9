import Foundation
import TuiweiCore

/// The vocabulary of bodies and persons an official can point to (`lexicons/scoring/bodies.tsv`):
/// the kinds they fall into, the words that name them, and which detection codes point at them.
///
/// One list serves both the map of referrals (`TargetFinder`) and the orientation profile (every
/// body whose kind leans to authority or to the grassroots is counted there), so a body is
/// written once.
public struct BodyTable: Sendable, Hashable {
    /// Which side of the orientation profile a kind's words count for.
    public enum Pole: String, Sendable, Hashable, Codable, CaseIterable {
        case authority, grassroots, none
    }

    /// A row `kind<TAB>ID<TAB>POLE<TAB>LABEL`.
    public struct Kind: Sendable, Hashable, Codable {
        public let id: String
        public let pole: Pole
        public let label: String
        public let rule: RuleReference
    }

    /// A row `KIND<TAB>TERM[<TAB>NAME]`: a word that names a body, and the name it is counted under.
    public struct Term: Sendable, Hashable, Codable {
        /// As written in the table (simplified script).
        public let text: String
        /// The normalised body: spellings of one body share it (`疫情防控指挥部`, `指挥部` → `指挥部`).
        public let name: String
        public let kind: String
        public let rule: RuleReference
    }

    /// How a code's detections are followed: `all` gives every detection a target (unnamed when
    /// no body is named near it); `named` only a body named in the detection's own words.
    public enum Follow: String, Sendable, Hashable, Codable, CaseIterable {
        case all, named
    }

    /// The kind every detection with no named body falls into; the table must define it.
    public static let unnamedKind = "unnamed"
    /// The kind of persons pointed to by their title (领导, 部长): a word the transcript stage
    /// reads as a person's title (`person` in `lexicons/transcript/bodies.tsv`) must be of it.
    public static let leaderKind = "leader"

    public let kinds: [Kind]
    public let terms: [Term]
    public let follow: [Code: Follow]
    public let source: String

    public init(kinds: [Kind], terms: [Term], follow: [Code: Follow], source: String = "(built-in)") {
        self.kinds = kinds
        self.terms = terms
        self.follow = follow
        self.source = source
    }

    /// No bodies: nothing is followed and the orientation profile counts only its own terms.
    public static let empty = BodyTable(kinds: [], terms: [], follow: [:])

    public func kind(_ id: String) -> Kind? { kinds.first { $0.id == id } }

    /// Terms of kinds on `pole`, in table order.
    public func terms(on pole: Pole) -> [String] {
        let ids = Set(kinds.filter { $0.pole == pole }.map(\.id))
        return terms.filter { ids.contains($0.kind) }.map(\.text)
    }

    /// Reads the table; the first problem that makes it unusable is thrown.
    /// - Throws: `Diagnostic` naming the file and line.
    public static func load(path: String) throws(Diagnostic) -> BodyTable {
        let (table, problems) = parse(try readText(path), file: path)
        if let first = problems.first(where: { $0.severity == .error }) { throw first }
        return table
    }

    /// Parses `text`, collecting every problem (what `tuiwei lexicon check` prints) rather than
    /// stopping at the first. `normaliser` folds the script, to warn about terms written
    /// in traditional script (they would never match, since turns are folded before matching).
    public static func parse(_ text: String, file: String,
                             normaliser: TextNormaliser? = nil) -> (table: BodyTable, diagnostics: [Diagnostic]) {
        var problems: [Diagnostic] = []
        func error(_ line: Int, _ message: String) { problems.append(Diagnostic(.error, file: file, line: line, message)) }
        var kinds: [Kind] = []
        var rows: [(line: Int, kind: String, term: String, name: String?)] = []
        var follow: [Code: Follow] = [:]
        for (number, rawLine) in lines(of: text) {
            var line = rawLine
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            var fields = line.split(separator: "\t", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            // A comment after the last field leaves an empty one behind.
            while fields.last?.isEmpty == true { fields.removeLast() }
            if fields.isEmpty { continue }
            switch fields[0] {
            case "kind":
                guard fields.count == 4, !fields[1].isEmpty, !fields[3].isEmpty else {
                    error(number, "expected 'kind<TAB>ID<TAB>POLE<TAB>LABEL', found \(fields.count) field(s)")
                    continue
                }
                guard let pole = Pole(rawValue: fields[2]) else {
                    error(number, "unknown pole '\(fields[2])'; use one of: \(Pole.allCases.map(\.rawValue).joined(separator: ", "))")
                    continue
                }
                if let earlier = kinds.first(where: { $0.id == fields[1] }) {
                    error(number, "kind '\(fields[1])' is already defined at \(earlier.rule); delete one of them")
                    continue
                }
                kinds.append(Kind(id: fields[1], pole: pole, label: fields[3], rule: RuleReference(file: file, line: number)))
            case "follow":
                guard fields.count == 3 else {
                    error(number, "expected 'follow<TAB>CODE<TAB>all|named', found \(fields.count) field(s)")
                    continue
                }
                guard let code = Code(rawValue: fields[1]), code.kind == .deflection else {
                    error(number, "'\(fields[1])' is not a deflection code; use one of: \(Code.deflections.map(\.rawValue).joined(separator: ", "))")
                    continue
                }
                guard let how = Follow(rawValue: fields[2]) else {
                    error(number, "unknown way to follow '\(fields[2])'; use all or named")
                    continue
                }
                if follow[code] != nil { error(number, "\(code.rawValue) is followed twice; keep one line"); continue }
                follow[code] = how
            default:
                guard fields.count == 2 || fields.count == 3, !fields[1].isEmpty else {
                    error(number, "expected 'KIND<TAB>TERM[<TAB>NAME]', found \(fields.count) field(s); separate fields with one tab")
                    continue
                }
                let name = fields.count == 3 && !fields[2].isEmpty ? fields[2] : nil
                rows.append((number, fields[0], fields[1], name))
            }
        }
        var terms: [Term] = []
        var seen: [[UInt32]: RuleReference] = [:]
        let known = Set(kinds.map(\.id))
        for row in rows {
            guard known.contains(row.kind) else {
                let guess = kinds.map(\.id).min { editDistance($0, row.kind) < editDistance($1, row.kind) }
                let hint = guess.map { editDistance($0, row.kind) <= 2 ? "; did you mean '\($0)'?" : "" } ?? ""
                error(row.line, "unknown kind '\(row.kind)'\(hint) (kinds: \(kinds.map(\.id).joined(separator: ", ")); define it with a 'kind' line)")
                continue
            }
            let scalars = TextNormaliser.widthScalars(row.term)
            if scalars.contains(where: { isPunctuationOrSpace($0) }) {
                error(row.line, "the term '\(row.term)' holds a space or punctuation; a term is one run of characters")
                continue
            }
            if let earlier = seen[scalars] {
                error(row.line, "the term '\(row.term)' is already listed at \(earlier); a word names one body")
                continue
            }
            let rule = RuleReference(file: file, line: row.line)
            if let normaliser, scalars.contains(where: { normaliser.script($0) != $0 }) {
                problems.append(Diagnostic(.warning, file: file, line: row.line,
                                           "'\(row.term)' is written in traditional script; write terms in simplified (turns are folded before matching)"))
            }
            seen[scalars] = rule
            terms.append(Term(text: row.term, name: row.name ?? row.term, kind: row.kind, rule: rule))
        }
        if !follow.isEmpty, !known.contains(unnamedKind) {
            problems.append(Diagnostic(.error, file: file, line: 1,
                                       "no 'kind\tunnamed\t…' line: a detection that names no body is recorded under that kind"))
        }
        for k in kinds where k.id != unnamedKind && !terms.contains(where: { $0.kind == k.id }) {
            problems.append(Diagnostic(.warning, file: file, line: k.rule.line, "kind '\(k.id)' has no terms; add some or delete the line"))
        }
        problems.sort { ($0.line ?? 0) < ($1.line ?? 0) }
        return (BodyTable(kinds: kinds, terms: terms, follow: follow, source: file), problems)
    }

    /// The words this table and the transcript stage's file both list, where they disagree on
    /// what the word names. The transcript file says how a label or header is read (a `person`
    /// title, an `organisation`, `body` or `department` ending, the `caller-organisation` of the
    /// questioning side); this table says which body an official points to. A title must be a
    /// `leader` here, an organisation word no `leader`, and the caller's side no body at all.
    static func crossCheck(_ table: BodyTable, transcript: String, file: String,
                           normaliser: TextNormaliser?) -> [Diagnostic] {
        func key(_ s: String) -> [UInt32] { normaliser?.widthAndScript(s) ?? TextNormaliser.widthScalars(s) }
        var classes: [[UInt32]: [(name: String, line: Int)]] = [:]
        for (number, rawLine) in lines(of: transcript) {
            let fields = rawLine.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count >= 2, !fields[0].hasPrefix("#"), !fields[1].isEmpty else { continue }
            classes[key(fields[1]), default: []].append((fields[0], number))
        }
        var out: [Diagnostic] = []
        for term in table.terms {
            guard let listed = classes[key(term.text)] else { continue }
            let isPerson = listed.contains { $0.name == "person" }
            for c in listed {
                let at = "\(file):\(c.line)"
                let names = ["organisation", "body", "department"]
                if c.name == "person", term.kind != leaderKind {
                    out.append(Diagnostic(.warning, file: term.rule.file, line: term.rule.line,
                                          "'\(term.text)' is a person's title at \(at); list it under the kind \(leaderKind) here"))
                } else if names.contains(c.name), term.kind == leaderKind, !isPerson {
                    out.append(Diagnostic(.warning, file: term.rule.file, line: term.rule.line,
                                          "'\(term.text)' names a body at \(at) (class \(c.name)), not a person; give it the kind of that body here"))
                } else if c.name == "caller-organisation" {
                    out.append(Diagnostic(.warning, file: term.rule.file, line: term.rule.line,
                                          "'\(term.text)' names the questioning side at \(at) (class caller-organisation); officials do not point to it, delete one of them"))
                }
            }
        }
        return out
    }

    /// Levenshtein distance over scalars, for "did you mean" hints.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty || y.isEmpty { return max(x.count, y.count) }
        var row = Array(0...y.count)
        for i in 1...x.count {
            var previous = row[0]
            row[0] = i
            for j in 1...y.count {
                let keep = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (x[i - 1] == y[j - 1] ? 0 : 1))
                previous = keep
            }
        }
        return row[y.count]
    }
}

extension BodyTable {
    /// Every problem of the bodies table at `path` (what `tuiwei lexicon check` prints); with
    /// `orientation`, also each orientation term that names a body of the table, since a body
    /// belongs in one list only; with `transcriptBodies` (the transcript stage's
    /// `lexicons/transcript/bodies.tsv`), each word the two files class differently (`crossCheck`).
    public static func lint(path: String, orientation: String? = nil, transcriptBodies: String? = nil,
                            normaliser: TextNormaliser? = nil) -> [Diagnostic] {
        let text: String
        do { text = try readText(path) } catch { return [error] }
        var (table, problems) = parse(text, file: path, normaliser: normaliser)
        if let transcriptBodies, let words = try? readText(transcriptBodies) {
            problems += crossCheck(table, transcript: words, file: transcriptBodies, normaliser: normaliser)
        }
        if let orientation, let terms = try? readText(orientation) {
            let bodies = Dictionary(table.terms.map { (TextNormaliser.widthScalars($0.text), $0) }, uniquingKeysWith: { a, _ in a })
            for (number, rawLine) in lines(of: terms) {
                let fields = rawLine.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) }
                guard fields.count >= 2, !fields[0].hasPrefix("#"), let body = bodies[TextNormaliser.widthScalars(fields[1])] else { continue }
                problems.append(Diagnostic(.warning, file: orientation, line: number,
                                           "'\(fields[1])' names a body, listed at \(body.rule); delete it here (bodies are counted from that table)"))
            }
        }
        return problems
    }
}
