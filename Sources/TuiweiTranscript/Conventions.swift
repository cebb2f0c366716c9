import Foundation
import TuiweiCore
import TuiweiCorpus

/// The words the transcript stage reads layouts with — role words, bodies, call headers, events,
/// caller introductions, what is not a speaker — loaded from `lexicons/transcript/*.tsv`, so a
/// researcher adapts Tuiwei to a new layout by editing data. Words are stored folded (traditional
/// to simplified, full width to ASCII, lower case), the form every lookup compares.
public final class TranscriptConventions: Sendable {
    /// One word of a class, folded, with where it was defined.
    public struct Word: Sendable, Hashable {
        public let scalars: [Unicode.Scalar]
        public let file: String
        public let line: Int
        public var text: String { String(String.UnicodeScalarView(scalars)) }
    }

    /// The classes each file may use; anything else in a file is an error.
    public static let schema: [String: [String]] = [
        "roles.tsv": ["official", "questioner", "respondent", "narrator", "question-label", "answer-label", "former", "official-context", "surname"],
        "bodies.tsv": ["organisation", "body", "department", "caller-organisation", "person"],
        "calls.tsv": ["header", "hang-up", "refused", "retry", "voicemail", "introduction"],
        "labels.tsv": ["speech-verb", "metadata", "heading", "salutation", "greeting", "stage", "reply-intro", "message-intro", "publisher"],
    ]

    /// Words by class (`official`, `header`, …), in file order.
    public let words: [String: [Word]]
    let normaliser: TextNormaliser


    // Frequently used classes, resolved once.
    let roleClasses: [(word: [Unicode.Scalar], role: RoleWordClass)]
    /// The role words of officials, longest first.
    let officialPositions: [[Unicode.Scalar]]
    let bodyWords: [[Unicode.Scalar]]
    let organisationEnds: [[Unicode.Scalar]]
    let departmentEnds: [[Unicode.Scalar]]
    let callerOrganisationEnds: [[Unicode.Scalar]]
    let personEnds: [[Unicode.Scalar]]
    let headerWords: [[Unicode.Scalar]]
    let hangUp: [[Unicode.Scalar]]
    let refused: [[Unicode.Scalar]]
    let retry: [[Unicode.Scalar]]
    let voicemail: [[Unicode.Scalar]]
    let introductions: MarkerPhrases
    let speechVerbs: [[Unicode.Scalar]]
    let metadata: Set<[Unicode.Scalar]>
    let headings: [[Unicode.Scalar]]
    let salutations: [[Unicode.Scalar]]
    let greetings: [[Unicode.Scalar]]
    let stage: Set<[Unicode.Scalar]>
    let replyIntros: [[Unicode.Scalar]]
    let messageIntros: [[Unicode.Scalar]]
    let publishers: [[Unicode.Scalar]]
    let formerMarkers: [[Unicode.Scalar]]
    let officialContext: [[Unicode.Scalar]]
    let surnames: [[Unicode.Scalar]]
    /// One bit per BMP scalar that occurs in some event word: a line with none of them reports
    /// no event, told without hashing.
    let eventKeyBits: [UInt64]

    @inline(__always)
    func isEventKey(_ s: Unicode.Scalar) -> Bool {
        let v = Int(s.value)
        return v < 0x10000 && eventKeyBits[v >> 6] & (1 << UInt64(v & 63)) != 0
    }

    /// Builds conventions from parsed words.
    public init(words: [String: [Word]], normaliser: TextNormaliser) throws {
        self.words = words
        self.normaliser = normaliser
        func l(_ n: String) -> [[Unicode.Scalar]] { (words[n] ?? []).map(\.scalars) }
        var roles: [(word: [Unicode.Scalar], role: RoleWordClass)] = []
        for c in RoleWordClass.allCases { for w in l(c.rawValue) { roles.append((w, c)) } }
        roleClasses = roles.sorted { $0.word.count > $1.word.count }
        officialPositions = roleClasses.filter { $0.role == .official }.map(\.word)
        bodyWords = l("body")
        organisationEnds = l("organisation")
        departmentEnds = l("department")
        callerOrganisationEnds = l("caller-organisation")
        personEnds = l("person").sorted { $0.count > $1.count }
        headerWords = l("header").sorted { $0.count > $1.count }
        hangUp = l("hang-up")
        refused = l("refused")
        retry = l("retry")
        voicemail = l("voicemail")
        let intro = (words["introduction"] ?? [])
        if intro.count > 64, let w = intro.dropFirst(64).first {
            throw Diagnostic(.error, file: w.file, line: w.line, "at most 64 introduction words can be used; merge or remove some")
        }
        introductions = MarkerPhrases(intro.map(\.text))
        speechVerbs = l("speech-verb").sorted { $0.count > $1.count }
        metadata = Set(l("metadata"))
        headings = l("heading")
        salutations = l("salutation")
        greetings = l("greeting")
        stage = Set(l("stage"))
        replyIntros = l("reply-intro").sorted { $0.count > $1.count }
        messageIntros = l("message-intro").sorted { $0.count > $1.count }
        publishers = l("publisher")
        formerMarkers = l("former")
        officialContext = l("official-context")
        surnames = l("surname").sorted { $0.count > $1.count }
        var bits = [UInt64](repeating: 0, count: 0x10000 / 64)
        for k in (l("hang-up") + l("refused") + l("retry") + l("voicemail")).joined() where k.value < 0x10000 {
            bits[Int(k.value) >> 6] |= 1 << UInt64(k.value & 63)
        }
        eventKeyBits = bits
    }

    /// Folds one scalar the way every word was folded.
    @inline(__always)
    func fold(_ s: Unicode.Scalar) -> Unicode.Scalar {
        let v = normaliser.fold(s.value)
        return v == s.value ? s : Unicode.Scalar(v) ?? s
    }

    func fold<C: Collection<Unicode.Scalar>>(_ scalars: C) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(scalars.count)
        for s in scalars { out.append(fold(s)) }
        return out
    }

    func fold(_ text: String) -> [Unicode.Scalar] { fold(text.unicodeScalars) }

    /// The role-word class of the longest word that ends `name` (folded), with the word.
    func roleWord(endingAt name: [Unicode.Scalar]) -> (word: [Unicode.Scalar], role: RoleWordClass)? {
        roleClasses.first { name.count >= $0.word.count && name.suffix($0.word.count).elementsEqual($0.word) }
    }

    // MARK: Loading

    /// Reads every file of `schema` from `directory`.
    /// - Throws: `Diagnostic` naming the file and line of the first problem.
    public static func load(directory: String, normaliser: TextNormaliser) throws -> TranscriptConventions {
        var words: [String: [Word]] = [:]
        for file in schema.keys.sorted() {
            let path = directory + "/" + file
            for d in try lint(path: path, allowed: schema[file]!, normaliser: normaliser, into: &words) where d.severity == .error {
                throw d
            }
        }
        return try TranscriptConventions(words: words, normaliser: normaliser)
    }

    /// Checks one file and adds its words; returns every problem found (errors and warnings).
    static func lint(path: String, allowed: [String], normaliser: TextNormaliser, into words: inout [String: [Word]]) throws -> [Diagnostic] {
        guard let data = FileManager.default.contents(atPath: path) else {
            return [Diagnostic(.error, file: path, "cannot read this transcript conventions file; restore it from the project's lexicons/transcript/")]
        }
        guard var text = String(data: data, encoding: .utf8) else {
            return [Diagnostic(.error, file: path, "not UTF-8 text; save the file as UTF-8")]
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var problems: [Diagnostic] = []
        var seen: [String: Int] = [:]
        var lineNumber = 0
        var count = 0
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            lineNumber += 1
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = raw.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count >= 2, !fields[0].isEmpty else {
                problems.append(Diagnostic(.error, file: path, line: lineNumber, "expected CLASS<tab>WORD[<tab>NOTE]"))
                continue
            }
            guard allowed.contains(fields[0]) else {
                problems.append(Diagnostic(.error, file: path, line: lineNumber,
                                           "unknown class '\(fields[0])'; this file takes \(allowed.joined(separator: ", "))"))
                continue
            }
            let word = fields[1]
            guard !word.isEmpty, word.unicodeScalars.count <= 24, !word.unicodeScalars.contains(where: { $0 == "\t" }) else {
                problems.append(Diagnostic(.error, file: path, line: lineNumber, "the word must be 1 to 24 characters"))
                continue
            }
            let folded = word.unicodeScalars.map { Unicode.Scalar(normaliser.fold($0.value)) ?? $0 }
            let key = fields[0] + "\t" + String(String.UnicodeScalarView(folded))
            if let first = seen[key] {
                problems.append(Diagnostic(.warning, file: path, line: lineNumber, "'\(word)' is already listed as \(fields[0]) on line \(first)"))
                continue
            }
            seen[key] = lineNumber
            words[fields[0], default: []].append(Word(scalars: folded, file: path, line: lineNumber))
            count += 1
        }
        if count == 0 && problems.isEmpty {
            problems.append(Diagnostic(.error, file: path, "the file lists no words; restore it from the project's lexicons/transcript/"))
        }
        return problems
    }

    /// Every problem in the conventions files of `directory` (for `tuiwei lexicon check`).
    public static func check(directory: String, normaliser: TextNormaliser) -> [Diagnostic] {
        var words: [String: [Word]] = [:]
        var out: [Diagnostic] = []
        for file in schema.keys.sorted() {
            out += (try? lint(path: directory + "/" + file, allowed: schema[file]!, normaliser: normaliser, into: &words)) ?? []
        }
        if out.allSatisfy({ $0.severity != .error }) {
            do { _ = try TranscriptConventions(words: words, normaliser: normaliser) } catch let d as Diagnostic { out.append(d) } catch {}
        }
        return out
    }

    /// `ROOT/lexicons/transcript`, if the project is found.
    public static var shippedDirectory: String? { ProjectLayout.lexiconsDirectory().map { $0 + "/transcript" } }

    /// The shipped conventions with the shipped script folding table.
    /// - Throws: `Diagnostic` when the project or a file cannot be found or read.
    public static func shipped() throws -> TranscriptConventions {
        guard let dir = shippedDirectory else {
            throw Diagnostic(.error, file: "lexicons/transcript",
                             "cannot find the project's lexicons/ folder; run inside the project or set TUIWEI_HOME")
        }
        return try load(directory: dir, normaliser: TextNormaliser.shipped())
    }

    /// The shipped conventions, loaded once for callers that do not pass their own. When they
    /// cannot be loaded every document is still read, with no role words; commands load them
    /// with `shipped()` first, so the problem is reported before any work.
    public static let standard: TranscriptConventions = {
        if let c = try? shipped() { return c }
        return try! TranscriptConventions(words: [:], normaliser: TextNormaliser())
    }()
}

/// What a role word says about who speaks (the classes of `lexicons/transcript/roles.tsv`).
public enum RoleWordClass: String, Sendable, Hashable, CaseIterable, Codable {
    case official, questioner, respondent, narrator
    case questionLabel = "question-label"
    case answerLabel = "answer-label"
}
