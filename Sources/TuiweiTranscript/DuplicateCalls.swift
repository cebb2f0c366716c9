import TuiweiCore
import TuiweiCorpus

/// Finds calls that appear again in another document (an excerpt), by overlap of what the
/// officials said: character 8-gram shingles of official speech, punctuation and spaces removed.
///
/// Shingles are sampled by hash (one in 64) and kept as 32-bit hashes: the same shingle is
/// sampled in every call that has it, so the sample of two calls' overlap is the overlap of
/// their samples, and a call keeps about 4 bytes per 64 characters of official speech. Calls are
/// compared through the shingles they share, never pair by pair; a shingle found in very many
/// calls (a stock phrase) says nothing about which call was copied and is not followed, which
/// keeps a large corpus near-linear.
public enum DuplicateCalls {
    static let shingleLength = 8
    static let sampleModulus: UInt64 = 64
    /// Shingles in more calls than this are stock phrases, not evidence of copying.
    static let maxCallsPerShingle = 48
    /// A call whose official speech is at least this much contained in another call is a copy.
    public static let containmentThreshold = 0.5

    struct Key: Hashable, Comparable {
        let document: String
        let call: Int
        static func < (a: Key, b: Key) -> Bool { (a.document, a.call) < (b.document, b.call) }
    }

    static func shingles(_ call: Call) -> [UInt32] {
        var scalars: [UInt32] = []
        for t in call.turns where t.role == .official {
            for s in t.text.unicodeScalars where Folding.isHan(s) || Folding.isLatinWordChar(s) {
                scalars.append(Folding.fold(s).value)
            }
        }
        var out: [UInt32] = []
        guard scalars.count >= shingleLength else { return out }
        for i in 0...(scalars.count - shingleLength) {
            // FNV-1a over the window: stable across runs, unlike Hasher.
            var h: UInt64 = 0xcbf29ce484222325
            for k in i..<(i + shingleLength) {
                h = (h ^ UInt64(scalars[k])) &* 0x100000001b3
            }
            if h % sampleModulus == 0 { out.append(UInt32(truncatingIfNeeded: h >> 32)) }
        }
        out.sort()
        var distinct: [UInt32] = []
        distinct.reserveCapacity(out.count)
        for h in out where h != distinct.last { distinct.append(h) }
        return distinct
    }

    /// What duplicate detection keeps of a call: its sampled shingles. Small, so a run over a
    /// large corpus keeps these instead of the documents.
    public struct Fingerprint: Sendable, Hashable, Codable {
        public let document: String
        public let call: Int
        /// Sorted, distinct.
        let shingles: [UInt32]

        private enum Keys: String, CodingKey { case document, call, shingles }

        init(document: String, call: Int, shingles: [UInt32]) {
            self.document = document
            self.call = call
            self.shingles = shingles
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            document = try c.decode(String.self, forKey: .document)
            call = try c.decode(Int.self, forKey: .call)
            shingles = Array(Set(try c.decode([UInt32].self, forKey: .shingles))).sorted()
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(document, forKey: .document)
            try c.encode(call, forKey: .call)
            try c.encode(shingles, forKey: .shingles)
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
        var index = Index()
        for f in fingerprints { index.add(f) }
        return index.links()
    }

    /// The calls of a corpus as they are read, kept as one array of (shingle, call) postings —
    /// 8 bytes per sampled shingle — and compared once all are in.
    public struct Index: Sendable {
        private var keys: [Key] = []
        private var sizes: [Int32] = []
        /// shingle << 32 | call number.
        private var postings: [UInt64] = []

        public init() {}

        public mutating func add(_ f: Fingerprint) {
            let id = UInt64(keys.count)
            keys.append(Key(document: f.document, call: f.call))
            sizes.append(Int32(f.shingles.count))
            for h in f.shingles { postings.append(UInt64(h) << 32 | id) }
        }

        /// Every call that repeats another document's call, linked to its best original.
        public mutating func links() -> [DuplicateLink] {
            // Sorted in place, the calls that share each shingle stand together.
            postings.sort()
            // Shared shingles per ordered pair of calls from different documents.
            var shared: [Int: [Int32: Int]] = [:]
            var start = 0
            while start < postings.count {
                var end = start + 1
                while end < postings.count, postings[end] >> 32 == postings[start] >> 32 { end += 1 }
                if end - start > 1, end - start <= maxCallsPerShingle {
                    for i in start..<end {
                        let a = Int(postings[i] & 0xFFFF_FFFF)
                        for j in start..<end where j != i {
                            let b = Int32(truncatingIfNeeded: postings[j] & 0xFFFF_FFFF)
                            if keys[Int(b)].document != keys[a].document { shared[a, default: [:]][b, default: 0] += 1 }
                        }
                    }
                }
                start = end
            }
            var links: [DuplicateLink] = []
            for id in shared.keys.sorted(by: { keys[$0] < keys[$1] }) {
                let mine = Int(sizes[id])
                // The best original: most shared, then larger, then first by name.
                var best: Int?
                for (o, n) in shared[id]! where Double(n) / Double(mine) >= containmentThreshold {
                    let other = Int(o)
                    guard let b = best else { best = other; continue }
                    let nb = shared[id]![Int32(b)]!
                    if (n, sizes[other], keys[b]) > (nb, sizes[b], keys[other]) { best = other }
                }
                guard let b = best else { continue }
                let theirs = Int(sizes[b])
                // Of two mutual copies, the smaller one is the excerpt; equal sizes: the later name.
                if theirs < mine || (theirs == mine && keys[b] > keys[id]) { continue }
                let n = shared[id]![Int32(b)]!
                links.append(DuplicateLink(document: keys[id].document, call: keys[id].call, original: keys[b].document,
                                           originalCall: keys[b].call,
                                           containment: Double(n) / Double(mine),
                                           coverage: Double(n) / Double(theirs)))
            }
            return links
        }
    }
}
