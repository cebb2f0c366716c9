import Foundation
import TuiweiCore

/// Checks lexicon files for the mistakes that make entries wrong or useless: syntax, unknown
/// categories, duplicates, entries shadowed by shorter ones, and entries that can never match.
public enum LexiconLint {
    /// Every problem in the files under `paths`, errors and warnings, in file order: what
    /// `Lexicon.load` refuses (errors) or passes on (warnings) for the same files.
    public static func check(paths: [String], normaliser: TextNormaliser, required: Set<String> = []) -> [Diagnostic] {
        Lexicon.validate(paths: paths, normaliser: normaliser, required: required).diagnostics
    }

    /// A class no entry names is a warning: it is likely misspelt where it was meant to be used.
    public static func unusedClasses(_ classes: WordClasses, entries: [LexiconEntry]) -> [Diagnostic] {
        var used = Set(entries.flatMap(\.pattern.classesUsed))
        // A class named only inside another class's body counts as used when that class is.
        var changed = true
        while changed {
            changed = false
            for name in used {
                for inner in WordClasses.referencedNames(classes.definitions[name]?.source ?? "") where used.insert(inner).inserted {
                    changed = true
                }
            }
        }
        return classes.names.filter { !used.contains($0) }.compactMap { name in
            classes.definitions[name].map {
                Diagnostic(.warning, file: $0.rule.file, line: $0.rule.line, "word class '@\(name)' is defined but no entry uses it; use it as @\(name) in a pattern or delete it")
            }
        }
    }

    /// The problems among already parsed entries (duplicates, shadowing, never matching).
    public static func check(entries: [LexiconEntry]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func report(_ severity: Diagnostic.Severity, _ e: LexiconEntry, _ message: String) {
            out.append(Diagnostic(severity, file: e.rule.file, line: e.rule.line, message))
        }

        // Duplicates: the same spellings, anchors and conditions.
        var firstByKey: [DuplicateKey: [LexiconEntry]] = [:]
        firstByKey.reserveCapacity(entries.count)
        for e in entries {
            let key = DuplicateKey(e.pattern)
            let earlier = firstByKey[key] ?? []
            if let same = earlier.first(where: { $0.category == e.category && $0.conditions == e.conditions }) {
                let copied = (same.rule.file as NSString).lastPathComponent == (e.rule.file as NSString).lastPathComponent
                    && same.rule.file != e.rule.file
                report(.error, e, "duplicate of \(same.rule) ('\(same.pattern.source)'); delete one of them"
                       + (copied ? " (a copied lexicon folder replaces the shipped one when given with --lexicons DIR, not added with --lexicon)" : ""))
            } else if let other = earlier.first(where: { $0.category != e.category }) {
                report(.warning, e, "the same pattern is also \(other.category) at \(other.rule); a phrase usually means one thing — keep the right one")
            }
            firstByKey[key, default: []].append(e)
        }

        // Shadowing: every spelling of an entry contains a plain spelling of another entry of the
        // same code, so the entry never adds a code the other would not already give.
        var plain: [String: [([UInt32], LexiconEntry)]] = [:]
        for e in entries where e.category.code != nil && e.conditions.isEmpty
            && !e.pattern.anchoredStart && !e.pattern.anchoredEnd {
            for x in e.pattern.expansions where x.isLiteral {
                plain[e.category.description, default: []].append((x.segments[0], e))
            }
        }
        for e in entries where e.category.code != nil && e.pattern.isEnumerated {
            guard let candidates = plain[e.category.description] else { continue }
            var shadow: LexiconEntry?
            var all = true
            for x in e.pattern.expansions {
                let hit = candidates.first { c in
                    c.1.rule != e.rule && x.segments.contains { seg in contains(seg, c.0) && !(x.segments.count == 1 && seg == c.0) }
                }
                if let hit { shadow = shadow ?? hit.1 } else { all = false; break }
            }
            if all, let s = shadow {
                report(.warning, e, "shadowed by \(s.rule) ('\(s.pattern.source)'): every text it matches contains that entry's match, so it never adds a code")
            }
        }

        // Entries that can never match.
        let fillers = Detector.fillers
        for e in entries {
            let xs = e.pattern.expansions
            if xs.isEmpty { continue }
            if e.conditions.contains(.start), xs.allSatisfy({ fillers.contains($0.segments[0][0]) || !TextContext.isWordCharacter($0.segments[0][0]) }) {
                report(.error, e, "can never match: a :start entry is tried after the fillers and punctuation that open a turn, and this pattern begins with one")
            }
            if e.conditions.contains(.question), xs.allSatisfy({ x in
                x.segments.joined().dropLast().contains { $0 == 0x3002 || $0 == 0x21 || $0 == 0x2E }
            }) {
                report(.error, e, "can never match: a :question entry must lie inside one question, and this pattern holds a full stop or exclamation mark")
            }
            if xs.allSatisfy({ x in x.segments.contains { $0.contains(0x0A) || $0.contains(0x0D) } }) {
                report(.error, e, "can never match: turn text has no line breaks (wrapped lines are re-joined)")
            }
            if e.weight == 0, e.category.code != nil {
                report(.warning, e, "weight 0: the phrase is detected but counts for nothing in scores")
            }
        }
        return out
    }

    /// What makes two patterns duplicates: the same set of spellings (or, for a pattern too large
    /// to list them, the same compiled forms) and the same anchors. Hashed by an order-independent
    /// digest of the spellings, so the sets are only built when two digests agree.
    private struct DuplicateKey: Hashable {
        let pattern: Pattern
        let digest: UInt64

        init(_ pattern: Pattern) {
            self.pattern = pattern
            var d: UInt64 = 0
            for x in pattern.expansions {
                var h: UInt64 = 0xcbf2_9ce4_8422_2325
                for segment in x.segments {
                    for v in segment { h = (h ^ UInt64(v)) &* 0x100_0000_01b3 }
                    h = (h ^ 0xFFFF_FFFF) &* 0x100_0000_01b3
                }
                for g in x.gaps { h = (h ^ UInt64(truncatingIfNeeded: g)) &* 0x100_0000_01b3 }
                // Summed: a pattern's spellings are distinct, so equal sets give equal sums in any order.
                d = d &+ (h | 1) &* 0x9E37_79B9_7F4A_7C15
            }
            digest = d
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(digest)
            hasher.combine(pattern.expansions.count)
            hasher.combine(pattern.anchoredStart)
            hasher.combine(pattern.anchoredEnd)
        }

        static func == (a: DuplicateKey, b: DuplicateKey) -> Bool {
            guard a.digest == b.digest, a.pattern.expansions.count == b.pattern.expansions.count,
                  a.pattern.anchoredStart == b.pattern.anchoredStart, a.pattern.anchoredEnd == b.pattern.anchoredEnd
            else { return false }
            guard a.pattern.isEnumerated else { return a.pattern.forms == b.pattern.forms }
            return Set(a.pattern.expansions) == Set(b.pattern.expansions)
        }
    }

    private static func contains(_ haystack: [UInt32], _ needle: [UInt32]) -> Bool {
        guard needle.count <= haystack.count, !needle.isEmpty else { return false }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if haystack[i..<(i + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }
}
