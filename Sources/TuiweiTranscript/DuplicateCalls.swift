import TuiweiCore
import TuiweiCorpus

/// Finds calls that appear again in another document (an excerpt), by overlap of what the
/// officials said: character 8-gram shingles of official speech, punctuation and spaces removed.
///
/// Shingles are sampled by hash (one in four) and indexed, so a corpus of many documents is
/// compared in near-linear time rather than pair by pair.
public enum DuplicateCalls {
    static let shingleLength = 8
    static let sampleModulus: UInt64 = 4
    /// A call whose official speech is at least this much contained in another call is a copy.
    public static let containmentThreshold = 0.5

    struct Key: Hashable, Comparable {
        let document: String
        let call: Int
        static func < (a: Key, b: Key) -> Bool { (a.document, a.call) < (b.document, b.call) }
    }

    static func shingles(_ call: Call) -> Set<UInt64> {
        var scalars: [UInt32] = []
        for t in call.turns where t.role == .official {
            for s in t.text.unicodeScalars where Folding.isHan(s) || Folding.isLatinWordChar(s) {
                scalars.append(Folding.fold(s).value)
            }
        }
        var out = Set<UInt64>()
        guard scalars.count >= shingleLength else { return out }
        for i in 0...(scalars.count - shingleLength) {
            // FNV-1a over the window: stable across runs, unlike Hasher.
            var h: UInt64 = 0xcbf29ce484222325
            for k in i..<(i + shingleLength) {
                h = (h ^ UInt64(scalars[k])) &* 0x100000001b3
            }
            if h % sampleModulus == 0 { out.insert(h) }
        }
        return out
    }

    public static func find(in documents: [Document]) -> [DuplicateLink] {
        var sets: [Key: Set<UInt64>] = [:]
        var index: [UInt64: [Key]] = [:]
        for d in documents where d.kind == .transcript {
            for c in d.calls {
                let key = Key(document: d.id, call: c.index)
                let s = shingles(c)
                guard s.count >= 4 else { continue }
                sets[key] = s
                for h in s { index[h, default: []].append(key) }
            }
        }
        var links: [DuplicateLink] = []
        for key in sets.keys.sorted() {
            let mine = sets[key]!
            var shared: [Key: Int] = [:]
            for h in mine { for other in index[h]! where other.document != key.document { shared[other, default: 0] += 1 } }
            // The best original: most shared, then larger, then first by name.
            let candidates = shared.filter { Double($0.value) / Double(mine.count) >= containmentThreshold }
            guard let best = candidates.max(by: { a, b in
                if a.value != b.value { return a.value < b.value }
                let sa = sets[a.key]!.count, sb = sets[b.key]!.count
                if sa != sb { return sa < sb }
                return a.key > b.key
            }) else { continue }
            let theirs = sets[best.key]!
            // Of two mutual copies, the smaller one is the excerpt; equal sizes: the later name.
            if theirs.count < mine.count || (theirs.count == mine.count && best.key > key) { continue }
            links.append(DuplicateLink(document: key.document, call: key.call, original: best.key.document,
                                       originalCall: best.key.call,
                                       containment: Double(best.value) / Double(mine.count),
                                       coverage: Double(best.value) / Double(theirs.count)))
        }
        return links
    }
}
