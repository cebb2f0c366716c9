import Foundation
import TuiweiCore

/// One `@name<TAB>PATTERN` line of a lexicon file: a named set of spellings that patterns use as
/// `@name`, so that one entry covers a move however it is worded (`不@know` for 不清楚, 不了解,
/// 不掌握 …).
public struct WordClassDefinition: Sendable, Hashable {
    /// The name without the `@`.
    public let name: String
    /// The body as written: literals, alternatives, optional parts and other classes; no gaps or anchors.
    public let source: String
    public let note: String?
    public let rule: RuleReference

    public init(name: String, source: String, note: String? = nil, rule: RuleReference) {
        self.name = name
        self.source = source
        self.note = note
        self.rule = rule
    }
}

/// The word classes of a set of lexicon files, each parsed once and ready to be spliced into the
/// patterns that name them.
public struct WordClasses: Sendable {
    let nodes: [String: PatternNode]
    /// Every definition, by name.
    public let definitions: [String: WordClassDefinition]

    /// No classes: a pattern naming one is an error.
    public static let none = WordClasses(nodes: [:], definitions: [:])

    public var names: [String] { definitions.keys.sorted() }

    init(nodes: [String: PatternNode], definitions: [String: WordClassDefinition]) {
        self.nodes = nodes
        self.definitions = definitions
    }

    /// Whether `field` (a lexicon line's first column) defines a class, and its name.
    static func definedName(_ field: String) -> String? {
        guard field.hasPrefix("@") else { return nil }
        return String(field.dropFirst())
    }

    /// Parses `definitions`, which may name each other in any order. Every bad definition — a
    /// malformed name, a second definition of a name, a body that does not parse, a gap or anchor
    /// in a body, classes that name each other in a circle — becomes a diagnostic at its line; the
    /// others are still built.
    public static func build(_ definitions: [WordClassDefinition]) -> (classes: WordClasses, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        func fail(_ d: WordClassDefinition, _ message: String) {
            diagnostics.append(Diagnostic(.error, file: d.rule.file, line: d.rule.line, message))
        }
        var byName: [String: WordClassDefinition] = [:]
        for d in definitions {
            guard !d.name.isEmpty, d.name.unicodeScalars.allSatisfy(PatternParser.isNameScalar) else {
                fail(d, "a word class name is '@' and ASCII letters, digits or '_' (such as @know), not '@\(d.name)'")
                continue
            }
            if let first = byName[d.name] {
                fail(d, "word class '@\(d.name)' is already defined at \(first.rule); keep one definition")
                continue
            }
            byName[d.name] = d
        }

        // Depth-first over the names a body uses, so a class is parsed after the classes it names.
        var nodes: [String: PatternNode] = [:]
        var failed: Set<String> = []
        var inProgress: [String] = []
        func resolve(_ name: String) {
            guard nodes[name] == nil, !failed.contains(name), let d = byName[name] else { return }
            if let at = inProgress.firstIndex(of: name) {
                let circle = (inProgress[at...] + [name]).map { "@" + $0 }.joined(separator: " → ")
                fail(d, "word classes name each other in a circle (\(circle)); break the circle")
                failed.formUnion(inProgress[at...])
                return
            }
            inProgress.append(name)
            defer { inProgress.removeLast() }
            for other in referencedNames(d.source) {
                resolve(other)
            }
            if failed.contains(name) { return }
            var parser = PatternParser(scalars: Array(d.source.unicodeScalars), classes: nodes)
            do {
                guard !d.source.unicodeScalars.isEmpty else {
                    throw Pattern.SyntaxError(position: 1, message: "the class is empty")
                }
                let end = d.source.unicodeScalars.count
                let node = try parser.parseAlternatives(until: end, depth: 0)
                if parser.i < end {
                    throw Pattern.SyntaxError(position: parser.i + 1, message: "unmatched ')'; remove it or add '(' before it")
                }
                if node.containsGap {
                    throw Pattern.SyntaxError(position: 1, message: "a word class lists spellings; put gaps (…) in the patterns that use it")
                }
                nodes[name] = node
            } catch {
                failed.insert(name)
                fail(d, "invalid word class '@\(name)' '\(d.source)': \(error)")
            }
        }
        for name in byName.keys.sorted() { resolve(name) }
        let good = byName.filter { nodes[$0.key] != nil }
        return (WordClasses(nodes: nodes, definitions: good), diagnostics)
    }

    /// The `@name<TAB>BODY[<TAB>NOTE]` lines of one lexicon file.
    static func definitions(in text: String, file: String) -> (definitions: [WordClassDefinition], diagnostics: [Diagnostic]) {
        var out: [WordClassDefinition] = []
        var diagnostics: [Diagnostic] = []
        for (lineNumber, line) in DataFile.lines(text) {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let first = fields.first, let name = definedName(first) else { continue }
            guard fields.count >= 2, !fields[1].isEmpty else {
                diagnostics.append(Diagnostic(.error, file: file, line: lineNumber, "expected @NAME<tab>SPELLINGS[<tab>NOTE], such as @know<tab>(清楚|了解|知道)"))
                continue
            }
            let note = fields.count >= 3 ? fields[2...].joined(separator: " ").trimmingCharacters(in: .whitespaces) : ""
            out.append(WordClassDefinition(name: name, source: fields[1], note: note.isEmpty ? nil : note,
                                           rule: RuleReference(file: file, line: lineNumber)))
        }
        return (out, diagnostics)
    }

    /// The class names a body mentions (`@x`), in order.
    static func referencedNames(_ source: String) -> [String] {
        var out: [String] = []
        let s = Array(source.unicodeScalars)
        var i = 0
        while i < s.count {
            if s[i] == "\\" { i += 2; continue }
            if s[i] == "@" {
                var j = i + 1
                var name = ""
                while j < s.count, PatternParser.isNameScalar(s[j]) { name.unicodeScalars.append(s[j]); j += 1 }
                if !name.isEmpty { out.append(name) }
                i = j
                continue
            }
            i += 1
        }
        return out
    }
}
