import TuiweiCore
import TuiweiCorpus

/// Where each of several names is introduced with a position, in texts searched one at a time
/// (the text around a dialogue, each turn of a speaker): for every name, what
/// `SideAssignment.mention(of:in:)` gives on each text, kept by `Introduction.over` across
/// texts, in one pass for all names rather than one pass per name. A name's position is looked
/// for in the text that names it, never in the one before it: another speaker's words do not
/// introduce anyone.
struct MentionSearch {
    /// The names that can be found: folded, distinct, two or more ideographs.
    private let names: [[Unicode.Scalar]]
    /// The names by their first two scalars.
    private var byStart: [UInt64: [Int]] = [:]
    /// A bit for each scalar a name starts with: most places are passed over without a lookup.
    private var starts: [UInt64] = []
    private let conventions: TranscriptConventions
    private var found: [SideAssignment.Introduction?]

    /// Whether `mention(of:in:)` looks for a name at all.
    static func canBeFound(_ name: [Unicode.Scalar]) -> Bool { name.count >= 2 && name.allSatisfy(TextNormaliser.isHan) }

    init(names: some Sequence<[Unicode.Scalar]>, conventions: TranscriptConventions) {
        var distinct: [[Unicode.Scalar]] = []
        var seen: Set<[Unicode.Scalar]> = []
        for n in names where Self.canBeFound(n) && seen.insert(n).inserted { distinct.append(n) }
        self.names = distinct
        self.conventions = conventions
        found = Array(repeating: nil, count: distinct.count)
        for (k, n) in distinct.enumerated() { byStart[Self.key(n[0], n[1]), default: []].append(k) }
        starts = Array(repeating: 0, count: Int(distinct.map(\.[0].value).max() ?? 0) / 64 + 1)
        for n in distinct { starts[Int(n[0].value) / 64] |= 1 << (n[0].value % 64) }
    }

    private static func key(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> UInt64 { UInt64(a.value) << 32 | UInt64(b.value) }

    /// Looks for the names at every place of `text`, folded, overlapping places too, in order.
    mutating func search(_ text: [Unicode.Scalar]) {
        guard !names.isEmpty, text.count >= 2 else { return }
        for i in 0..<(text.count - 1) {
            let v = Int(text[i].value)
            guard v / 64 < starts.count, starts[v / 64] & (1 << (v % 64)) != 0,
                  let candidates = byStart[Self.key(text[i], text[i + 1])] else { continue }
            for k in candidates {
                let n = names[k]
                guard i + n.count <= text.count, text[i..<(i + n.count)].elementsEqual(n) else { continue }
                let head = Array(text[max(0, i - SideAssignment.introductionReach)..<i])
                if let m = SideAssignment.introduction(before: head, conventions) { found[k] = m.over(found[k]) }
            }
        }
    }

    /// Every name's introduction, by its folded form; a name introduced nowhere is absent.
    func finish() -> [[Unicode.Scalar]: SideAssignment.Introduction] {
        var out: [[Unicode.Scalar]: SideAssignment.Introduction] = [:]
        for (k, f) in found.enumerated() { if let f { out[names[k]] = f } }
        return out
    }
}
