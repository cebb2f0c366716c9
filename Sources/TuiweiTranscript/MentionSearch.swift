import TuiweiCore
import TuiweiCorpus

/// Where each of several names is introduced with a position, in a text fed piece by piece: for
/// every name the same as `SideAssignment.mention(of:in:)` gives on the pieces joined, but
/// without holding them joined (the questioners' turns of a file of many calls are a good part
/// of it) and in one pass for all names rather than one pass per name.
///
/// A name is found at every place it starts, overlapping places too, in order; what stands
/// `SideAssignment.introductionReach` scalars before each place is kept across pieces.
struct MentionSearch {
    /// The names that can be found: folded, distinct, two or more ideographs.
    private let names: [[Unicode.Scalar]]
    /// The names by their first two scalars.
    private var byStart: [UInt64: [Int]] = [:]
    /// A bit for each scalar a name starts with: most places are passed over without a lookup.
    private var starts: [UInt64] = []
    private let longest: Int
    private let conventions: TranscriptConventions
    /// The text from `base` on that is still needed: the last scalars before `next`, and what
    /// follows.
    private var buffer: [Unicode.Scalar] = []
    private var base = 0
    /// The first place where no name has been looked for yet.
    private var next = 0
    private var found: [SideAssignment.Introduction?]

    /// Whether `mention(of:in:)` looks for a name at all.
    static func canBeFound(_ name: [Unicode.Scalar]) -> Bool { name.count >= 2 && name.allSatisfy(TextNormaliser.isHan) }

    init(names: some Sequence<[Unicode.Scalar]>, conventions: TranscriptConventions) {
        var distinct: [[Unicode.Scalar]] = []
        var seen: Set<[Unicode.Scalar]> = []
        for n in names where Self.canBeFound(n) && seen.insert(n).inserted { distinct.append(n) }
        self.names = distinct
        longest = distinct.map(\.count).max() ?? 0
        self.conventions = conventions
        found = Array(repeating: nil, count: distinct.count)
        for (k, n) in distinct.enumerated() { byStart[Self.key(n[0], n[1]), default: []].append(k) }
        starts = Array(repeating: 0, count: Int(distinct.map(\.[0].value).max() ?? 0) / 64 + 1)
        for n in distinct { starts[Int(n[0].value) / 64] |= 1 << (n[0].value % 64) }
    }

    private static func key(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> UInt64 { UInt64(a.value) << 32 | UInt64(b.value) }

    /// The next piece of the text.
    mutating func feed(_ piece: some Collection<Unicode.Scalar>) {
        guard !names.isEmpty else { return }
        buffer.append(contentsOf: piece)
        advance()
    }

    /// The next scalar of the text.
    mutating func feed(_ scalar: Unicode.Scalar) {
        guard !names.isEmpty else { return }
        buffer.append(scalar)
        advance()
    }

    private mutating func advance() {
        // A name that starts here or before fits in what has been fed.
        look(through: base + buffer.count - longest)
        let keep = max(base, next - SideAssignment.introductionReach)
        buffer.removeFirst(keep - base)
        base = keep
    }

    /// Every name's introduction, by its folded form; a name introduced nowhere is absent.
    consuming func finish() -> [[Unicode.Scalar]: SideAssignment.Introduction] {
        look(through: base + buffer.count - 2)
        var out: [[Unicode.Scalar]: SideAssignment.Introduction] = [:]
        for (k, f) in found.enumerated() { if let f { out[names[k]] = f } }
        return out
    }

    /// Looks for the names at every place from `next` through `last`.
    private mutating func look(through last: Int) {
        guard next <= last else { return }
        for at in next...last {
            let i = at - base
            let v = Int(buffer[i].value)
            guard v / 64 < starts.count, starts[v / 64] & (1 << (v % 64)) != 0 else { continue }
            guard i + 1 < buffer.count, let candidates = byStart[Self.key(buffer[i], buffer[i + 1])] else { continue }
            for k in candidates {
                let n = names[k]
                guard i + n.count <= buffer.count, buffer[i..<(i + n.count)].elementsEqual(n) else { continue }
                let head = Array(buffer[max(0, i - SideAssignment.introductionReach)..<i])
                if let m = SideAssignment.introduction(before: head, conventions) { found[k] = m.over(found[k]) }
            }
        }
        next = last + 1
    }
}
