import Foundation
import TuiweiCore

/// What an entry's pattern marks: one of the taxonomy's codes, or a context cue that cancels them.
public enum LexiconCategory: Sendable, Hashable, CustomStringConvertible {
    case code(Code)
    /// A phrase that negates what follows it (`不是说`): a code matched right after it does not count.
    case negation
    /// A phrase that introduces someone else's words (`他们说`): codes in its scope do not count.
    case reported

    /// Parses the name used in lexicon files (`IGNORANCE`, `NEGATION`, `REPORTED`).
    public init?(name: String) {
        switch name {
        case "NEGATION": self = .negation
        case "REPORTED": self = .reported
        default:
            guard let c = Code(rawValue: name) else { return nil }
            self = .code(c)
        }
    }

    public var description: String {
        switch self {
        case .code(let c): c.rawValue
        case .negation: "NEGATION"
        case .reported: "REPORTED"
        }
    }

    public var code: Code? { if case .code(let c) = self { c } else { nil } }

    /// Every name a lexicon file may use.
    public static var allNames: [String] { Code.allCases.map(\.rawValue) + ["NEGATION", "REPORTED"] }
}

/// Extra conditions an entry can put on where its pattern counts, written after the category
/// (`COUNTER_QUESTION:question`, `BACKCHANNEL:alone`, `DIRECT:start`).
public struct EntryConditions: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Only inside a sentence that is a question (ends with ？ or a question particle).
    public static let question = EntryConditions(rawValue: 1)
    /// Only when the whole turn is made of such matches, punctuation and fillers (嗯, 啊 …).
    public static let alone = EntryConditions(rawValue: 2)
    /// Only at the start of the turn, after fillers.
    public static let start = EntryConditions(rawValue: 4)
    /// For `REPORTED` cues: the reported words run to the end of the sentence, not of the clause.
    public static let sentence = EntryConditions(rawValue: 8)
    /// Matched against what happens in a call (`——电话被挂断——`), not against speech; the code goes
    /// to the last official turn before the event.
    public static let event = EntryConditions(rawValue: 16)

    static let names: [(String, EntryConditions)] = [("question", .question), ("alone", .alone), ("start", .start),
                                                     ("sentence", .sentence), ("event", .event)]

    public var names: [String] { Self.names.filter { contains($0.1) }.map(\.0) }
}

/// One line of a lexicon file.
public struct LexiconEntry: Sendable, Hashable {
    public let category: LexiconCategory
    public let conditions: EntryConditions
    public let pattern: Pattern
    /// Strength of the evidence, used by scoring (default 1).
    public let weight: Double
    public let note: String?
    /// File and line the entry was read from.
    public let rule: RuleReference

    public init(category: LexiconCategory, conditions: EntryConditions = [], pattern: Pattern,
                weight: Double = 1, note: String? = nil, rule: RuleReference) {
        self.category = category
        self.conditions = conditions
        self.pattern = pattern
        self.weight = weight
        self.note = note
        self.rule = rule
    }
}

/// Everything that made a set of lexicon files unusable; none of them is loaded when this is thrown.
public struct LexiconError: Error, Sendable, CustomStringConvertible {
    public let diagnostics: [Diagnostic]
    public init(diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// A set of lexicon entries with the folding their patterns were compiled with.
public struct Lexicon: Sendable {
    public let entries: [LexiconEntry]
    public let normaliser: TextNormaliser
    /// The files the entries came from, in reading order.
    public let files: [String]
    /// What was loaded but is worth a word (a user's lexicon file with no entries).
    public let warnings: [Diagnostic]
    /// The word classes the files define, which patterns given later (`kwic`) may also use.
    public let classes: WordClasses

    public init(entries: [LexiconEntry], normaliser: TextNormaliser, files: [String] = [], warnings: [Diagnostic] = [],
                classes: WordClasses = .none) {
        self.entries = entries
        self.normaliser = normaliser
        self.files = files
        self.warnings = warnings
        self.classes = classes
    }

    /// The files of the shipped folder: one missing would silently detect less.
    public static let shippedFiles = ["answers.tsv", "classes.tsv", "context.tsv", "counter-question.tsv", "deference.tsv", "excuses.tsv",
                                      "knowledge.tsv", "modifiers.tsv", "refusal.tsv", "responsibility.tsv"]

    /// The shipped lexicon folder, `lexicons/deflection`, if the project is found.
    public static var shippedDirectory: String? {
        ProjectLayout.lexiconsDirectory().map { $0 + "/deflection" }
    }

    /// Lexicon files named by `paths`: files as given, folders searched recursively for `.tsv`
    /// files, each folder's files in name order.
    public static func files(in paths: [String]) -> [String] {
        let fm = FileManager.default
        var out: [String] = []
        for path in paths {
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
                let found = (fm.enumerator(atPath: path)?.allObjects as? [String] ?? [])
                    .filter { $0.hasSuffix(".tsv") }
                    .sorted()
                out += found.map { (path.hasSuffix("/") ? path : path + "/") + $0 }
            } else {
                out.append(path)
            }
        }
        return out
    }

    /// Loads every lexicon file under `paths`, all or nothing.
    /// - Parameters:
    ///   - paths: files and folders, read in order.
    ///   - folder: the folding applied to patterns (and later to text).
    /// - Throws: `LexiconError` with one diagnostic per bad file or line.
    ///   - required: paths (of `paths`) whose files must all be there and hold entries, such as
    ///     the shipped folder; an empty file elsewhere is only a warning.
    public static func load(paths: [String], normaliser: TextNormaliser, required: Set<String> = []) throws(LexiconError) -> Lexicon {
        let read = validate(paths: paths, normaliser: normaliser, required: required)
        if read.diagnostics.contains(where: { $0.severity == .error }) {
            throw LexiconError(diagnostics: read.diagnostics)
        }
        return Lexicon(entries: read.entries, normaliser: normaliser, files: read.files, warnings: read.diagnostics, classes: read.classes)
    }

    /// Reads and checks every lexicon file under `paths`: the one judgement of what is an error
    /// that `tuiwei lexicon check` prints and every run refuses to start with. Besides each
    /// line's syntax and the word classes it lints the entries together (duplicates, shadowing,
    /// entries that can never match, classes no entry uses; `LexiconLint`).
    public static func validate(paths: [String], normaliser: TextNormaliser, required: Set<String> = [])
        -> (entries: [LexiconEntry], files: [String], diagnostics: [Diagnostic], classes: WordClasses) {
        var entries: [LexiconEntry] = []
        var diagnostics: [Diagnostic] = []
        var listed: [String] = []
        var needed: Set<String> = []
        for path in paths {
            let found = Self.files(in: [path])
            listed += found
            guard required.contains(path) else { continue }
            needed.formUnion(found)
            if found.isEmpty {
                diagnostics.append(Diagnostic(.error, file: displayPath(path), "no lexicon files (.tsv) here; copy them from the project's lexicons/deflection/"))
            }
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue, path == shippedDirectory {
                let names = Set(found.map { ($0 as NSString).lastPathComponent })
                for name in shippedFiles where !names.contains(name) {
                    diagnostics.append(Diagnostic(.error, file: displayPath((path as NSString).appendingPathComponent(name)),
                                                  "this shipped lexicon file is missing; restore it from the project, or the run would silently detect less"))
                }
            }
        }
        // A file named twice (a folder and a file in it, or the shipped folder again) is read once.
        var seen: Set<String> = []
        let cwd = FileManager.default.currentDirectoryPath
        let files = listed.filter { path in
            let absolute = path.hasPrefix("/") ? path : cwd + "/" + path
            return seen.insert(((absolute as NSString).resolvingSymlinksInPath as NSString).standardizingPath).inserted
        }
        // Word classes are gathered from every file first, since a pattern may name a class
        // defined in another file.
        let texts = files.map { readText($0) }
        let definitions = zip(files, texts).map { f, t in
            (try? t.get()).map { WordClasses.definitions(in: $0, file: displayPath(f)) } ?? (definitions: [], diagnostics: [])
        }
        let built = WordClasses.build(definitions.flatMap(\.definitions))
        let classes = built.classes
        diagnostics += definitions.flatMap(\.diagnostics) + built.diagnostics
        // Patterns are expanded on every core, which is most of a run's start-up; the files are
        // then joined in file order, as if read one by one.
        let parsed = concurrentMap(files.count) { i -> Result<(entries: [LexiconEntry], diagnostics: [Diagnostic]), Diagnostic> in
            texts[i].map { parse(text: $0, file: displayPath(files[i]), normaliser: normaliser, classes: classes) }
        }
        for (i, result) in parsed.enumerated() {
            switch result {
            case .success(let p):
                entries += p.entries
                diagnostics += p.diagnostics
                // A file of word classes alone is not empty.
                if p.entries.isEmpty, p.diagnostics.isEmpty, definitions[i].definitions.isEmpty {
                    diagnostics.append(DataFile.empty(displayPath(files[i]), what: "lexicon file", need: needed.contains(files[i]) ? .required : .optional))
                }
            case .failure(let d):
                diagnostics.append(d)
            }
        }
        diagnostics += LexiconLint.check(entries: entries)
        diagnostics += LexiconLint.unusedClasses(classes, entries: entries)
        diagnostics.sort { ($0.file, $0.line ?? 0) < ($1.file, $1.line ?? 0) }
        return (entries, files.map(displayPath), diagnostics, classes)
    }

    /// The word classes defined across `files` (display path and text), with the problems of
    /// their definitions.
    public static func classes(in files: [(file: String, text: String)]) -> (classes: WordClasses, diagnostics: [Diagnostic]) {
        var definitions: [WordClassDefinition] = []
        var diagnostics: [Diagnostic] = []
        for f in files {
            let found = WordClasses.definitions(in: f.text, file: f.file)
            definitions += found.definitions
            diagnostics += found.diagnostics
        }
        let built = WordClasses.build(definitions)
        return (built.classes, diagnostics + built.diagnostics)
    }

    /// Shorter path for references: relative to the project root when the file is inside it.
    static func displayPath(_ path: String) -> String {
        let standard = (path as NSString).standardizingPath
        if let root = ProjectLayout.root().map({ ($0 as NSString).standardizingPath }),
           standard.hasPrefix(root + "/") {
            return String(standard.dropFirst(root.count + 1))
        }
        return path
    }

    /// The UTF-8 text of a lexicon file, or the diagnostic that says why it cannot be read.
    public static func readText(_ file: String) -> Result<String, Diagnostic> {
        Result { () throws(Diagnostic) in try DataFile.text(file, what: "lexicon file") }
    }

    /// Parses the text of one lexicon file; malformed lines become diagnostics, the rest entries.
    /// - Parameter classes: the word classes patterns may name; nil for those the file itself
    ///   defines (whose problems are then reported too).
    public static func parse(text: String, file: String, normaliser: TextNormaliser,
                             classes: WordClasses? = nil) -> (entries: [LexiconEntry], diagnostics: [Diagnostic]) {
        var entries: [LexiconEntry] = []
        var diagnostics: [Diagnostic] = []
        let classes = classes ?? {
            let own = Self.classes(in: [(file, text)])
            diagnostics += own.diagnostics
            return own.classes
        }()
        for (lineNumber, line) in DataFile.lines(text) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix("@") { continue }
            func fail(_ message: String, column: Int? = nil) {
                diagnostics.append(Diagnostic(.error, file: file, line: lineNumber, column: column, message))
            }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard fields.count >= 2, !fields[1].isEmpty else {
                if fields.count == 1, trimmed.contains(" ") {
                    fail("separate the category and the pattern with a tab, not spaces")
                } else {
                    fail("expected CATEGORY<tab>PATTERN[<tab>WEIGHT[<tab>NOTE]]")
                }
                continue
            }
            let head = fields[0].split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard !head[0].isEmpty else {
                fail("the line starts with a tab: put the category first (CATEGORY<tab>PATTERN)")
                continue
            }
            guard let category = LexiconCategory(name: head[0]) else {
                fail("unknown category '\(head[0])'; use one of \(LexiconCategory.allNames.joined(separator: ", ")), or @name to define a word class")
                continue
            }
            var conditions: EntryConditions = []
            if head.count == 2 {
                var bad = false
                for name in head[1].split(separator: ",") {
                    guard let c = EntryConditions.names.first(where: { $0.0 == name.trimmingCharacters(in: .whitespaces) }) else {
                        fail("unknown condition '\(name)'; use question, alone, start, event or (for REPORTED) sentence")
                        bad = true
                        break
                    }
                    conditions.insert(c.1)
                }
                if bad { continue }
                let allowed: EntryConditions = category == .reported ? [.sentence]
                    : category == .negation ? [] : [.question, .alone, .start, .event]
                if !allowed.isSuperset(of: conditions) {
                    fail("\(category) entries take \(allowed.isEmpty ? "no conditions" : "only :" + allowed.names.joined(separator: ",")); remove ':\(head[1])'")
                    continue
                }
            }
            let pattern: Pattern
            do {
                pattern = try Pattern(fields[1], normaliser: normaliser, classes: classes)
            } catch {
                // Point the column at the offending character of the pattern.
                let rawPattern = line.split(separator: "\t", omittingEmptySubsequences: false)[1]
                let lead = rawPattern.unicodeScalars.prefix { $0 == " " }.count
                let column = (line.split(separator: "\t", omittingEmptySubsequences: false)[0].unicodeScalars.count + 1)
                    + lead + error.position
                fail("invalid pattern '\(fields[1])': \(error)", column: column)
                continue
            }
            var weight = 1.0
            if fields.count >= 3, !fields[2].isEmpty {
                guard let w = Double(fields[2]), w >= 0, w <= 10 else {
                    fail("weight '\(fields[2])' is not a number from 0 to 10; leave the column empty for the default 1")
                    continue
                }
                weight = w
            }
            let note = fields.count >= 4 ? fields[3...].joined(separator: " ").trimmingCharacters(in: .whitespaces) : ""
            entries.append(LexiconEntry(category: category, conditions: conditions, pattern: pattern, weight: weight,
                                        note: note.isEmpty ? nil : note,
                                        rule: RuleReference(file: file, line: lineNumber)))
        }
        return (entries, diagnostics)
    }
}
