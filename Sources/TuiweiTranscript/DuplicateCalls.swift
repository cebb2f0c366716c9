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

    /// What duplicate detection keeps of a call: its sampled shingles. Small, so a run over a
    /// large corpus keeps these instead of the documents.
    public struct Fingerprint: Sendable, Hashable, Codable {
        public let document: String
        public let call: Int
        let shingles: Set<UInt64>

        private enum Keys: String, CodingKey { case document, call, shingles }

        init(document: String, call: Int, shingles: Set<UInt64>) {
            self.document = document
            self.call = call
            self.shingles = shingles
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            document = try c.decode(String.self, forKey: .document)
            call = try c.decode(Int.self, forKey: .call)
            shingles = Set(try c.decode([UInt64].self, forKey: .shingles))
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(document, forKey: .document)
            try c.encode(call, forKey: .call)
            // Sorted, so that a shard file is the same bytes every time.
            try c.encode(shingles.sorted(), forKey: .shingles)
        }
    }

    public static func fingerprints(of document: Document) -> [Fingerprint] {
        guard document.kind == .transcript else { return [] }
        return document.calls.compactMap { c in
            let s = shingles(c)
            return s.count >= 4 ? Fingerprint(document: document.id, call: c.index, shingles: s) : nil
        }
    }

    public static func find(in documents: [Document]) -> [DuplicateLink] {
        find(documents.flatMap(fingerprints(of:)))
    }

    public static func find(_ fingerprints: [Fingerprint]) -> [DuplicateLink] {
        var keys: [Key] = []
        var sets: [Set<UInt64>] = []
        var index: [UInt64: [Int]] = [:]
        for f in fingerprints {
            let id = keys.count
            keys.append(Key(document: f.document, call: f.call))
            sets.append(f.shingles)
            for h in f.shingles { index[h, default: []].append(id) }
        }
        var links: [DuplicateLink] = []
        var shared = [Int](repeating: 0, count: keys.count)
        var touched: [Int] = []
        for id in keys.indices.sorted(by: { keys[$0] < keys[$1] }) {
            let mine = sets[id]
            for h in mine {
                for other in index[h]! where keys[other].document != keys[id].document {
                    if shared[other] == 0 { touched.append(other) }
                    shared[other] += 1
                }
            }
            // The best original: most shared, then larger, then first by name.
            var best: Int?
            for other in touched where Double(shared[other]) / Double(mine.count) >= containmentThreshold {
                guard let b = best else { best = other; continue }
                if (shared[other], sets[other].count, keys[b]) > (shared[b], sets[b].count, keys[other]) { best = other }
            }
            defer {
                for t in touched { shared[t] = 0 }
                touched.removeAll(keepingCapacity: true)
            }
            guard let b = best else { continue }
            let theirs = sets[b]
            // Of two mutual copies, the smaller one is the excerpt; equal sizes: the later name.
            if theirs.count < mine.count || (theirs.count == mine.count && keys[b] > keys[id]) { continue }
            links.append(DuplicateLink(document: keys[id].document, call: keys[id].call, original: keys[b].document,
                                       originalCall: keys[b].call,
                                       containment: Double(shared[b]) / Double(mine.count),
                                       coverage: Double(shared[b]) / Double(theirs.count)))
        }
        return links
    }
}
