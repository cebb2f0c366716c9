import TuiweiCore
import TuiweiCorpus

/// Finds calls that appear again in another document (an excerpt, or the same call given
/// twice), by overlap of what was said: character 8-gram shingles, punctuation and spaces removed.
///
/// A call with enough official speech is compared by its official speech, its shingles sampled
/// by hash (one in 64) and kept as 32-bit hashes: the same shingle is sampled in every call that
/// has it, so the sample of two calls' overlap is the overlap of their samples, and a call keeps
/// about 4 bytes per 64 characters of official speech. A short call (fewer than four sampled
/// shingles) is compared by every shingle of all its speech, questions included, and only with
/// other short calls; it is a copy only when nearly all of it recurs, so that two calls that
/// share an official's stock lines but ask different things are told apart.
///
/// Calls with the same fingerprint are one version of a call, however many times it recurs:
/// each copy is linked to the first of them by name, and only that one is compared further.
/// Versions are compared through the shingles they share, never pair by pair; a shingle found
/// in very many different versions (a stock phrase) says nothing about which call was copied
/// and is not followed, which keeps a large corpus near-linear.
public enum DuplicateCalls {
    static let shingleLength = 8
    static let sampleModulus: UInt64 = 64
    /// Shingles in more different versions of calls than this are stock phrases, not evidence
    /// of copying. Copies of one version count once, so a call recurring any number of times
    /// is still linked.
    static let maxCallsPerShingle = 48
    /// A call whose official speech is at least this much contained in another call is a copy.
    public static let containmentThreshold = 0.5
    /// A short call is a copy of another only when this much of it recurs there: in a few lines
    /// the stock phrases weigh too much for half to prove copying.
    public static let shortContainmentThreshold = 0.9
    /// A short call needs this many shingles (about 24 characters of speech) to be compared, and
    /// at most `maxShortShingles` are kept.
    static let minShortShingles = 16
    static let maxShortShingles = 1024

    struct Key: Hashable, Comparable {
        let document: String
        let call: Int
        static func < (a: Key, b: Key) -> Bool { (a.document, a.call) < (b.document, b.call) }
    }

    /// Hashes of every 8-gram of `scalars` (FNV-1a from `basis`: stable across runs, unlike
    /// Hasher), those for which `keep` holds, sorted and distinct.
    static func shingleHashes(_ scalars: [UInt32], basis: UInt64, keep: (UInt64) -> Bool) -> [UInt32] {
        var out: [UInt32] = []
        guard scalars.count >= shingleLength else { return out }
        for i in 0...(scalars.count - shingleLength) {
            var h: UInt64 = basis
            for k in i..<(i + shingleLength) {
                h = (h ^ UInt64(scalars[k])) &* 0x100000001b3
            }
            if keep(h) { out.append(UInt32(truncatingIfNeeded: h >> 32)) }
        }
        out.sort()
        var distinct: [UInt32] = []
        distinct.reserveCapacity(out.count)
        for h in out where h != distinct.last { distinct.append(h) }
        return distinct
    }

    /// The words of the turns `include` takes, letters and ideographs only, folded.
    static func speech(_ call: Call, _ include: (Turn) -> Bool) -> [UInt32] {
        var scalars: [UInt32] = []
        for t in call.turns where include(t) {
            for s in t.text.unicodeScalars where TextNormaliser.isHan(s) || TextNormaliser.isLatinWordChar(s) {
                scalars.append(TextNormaliser.width(s).value)
            }
        }
        return scalars
    }

    /// The sampled shingles of a call's official speech.
    static func shingles(_ call: Call) -> [UInt32] {
        shingleHashes(speech(call) { $0.role == .official }, basis: 0xcbf29ce484222325) { $0 % sampleModulus == 0 }
    }

    /// Every shingle of all the speech of a short call, hashed apart from the sampled ones (another
    /// basis), so that short and long calls never meet.
    static func shortShingles(_ call: Call) -> [UInt32] {
        let scalars = speech(call) { _ in true }
        guard scalars.count < maxShortShingles + shingleLength else { return [] }
        return shingleHashes(scalars, basis: 0x84222325cbf29ce4) { _ in true }
    }

    /// What duplicate detection keeps of a call: its shingles. Small, so a run over a large
    /// corpus keeps these instead of the documents.
    public struct Fingerprint: Sendable, Hashable, Codable {
        public let document: String
        public let call: Int
        /// Sorted, distinct.
        let shingles: [UInt32]
        /// Whether these are every shingle of a short call's speech, not a sample of official speech.
        let short: Bool

        private enum Keys: String, CodingKey { case document, call, shingles, short }

        init(document: String, call: Int, shingles: [UInt32], short: Bool = false) {
            self.document = document
            self.call = call
            self.shingles = shingles
            self.short = short
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            document = try c.decode(String.self, forKey: .document)
            call = try c.decode(Int.self, forKey: .call)
            shingles = Array(Set(try c.decode([UInt32].self, forKey: .shingles))).sorted()
            short = try c.decodeIfPresent(Bool.self, forKey: .short) ?? false
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(document, forKey: .document)
            try c.encode(call, forKey: .call)
            try c.encode(shingles, forKey: .shingles)
            if short { try c.encode(short, forKey: .short) }
        }

        /// One 64-bit hash of the whole fingerprint: calls with the same one are the same version.
        var version: UInt64 {
            var h: UInt64 = short ? 0x9E37_79B9_7F4A_7C15 : 0xBF58_476D_1CE4_E5B9
            for x in shingles { h = (h ^ UInt64(x)) &* 0x100_0000_01B3; h ^= h >> 31 }
            return (h ^ UInt64(shingles.count)) &* 0x94D0_49BB_1331_11EB
        }
    }

    public static func fingerprints(of document: Document) -> [Fingerprint] {
        guard document.kind == .transcript else { return [] }
        return document.calls.compactMap { fingerprint(of: $0, in: document.id) }
    }

    /// The fingerprint of one call of a transcript; nil for a call too short to have one.
    public static func fingerprint(of c: Call, in document: String) -> Fingerprint? {
        let s = shingles(c)
        if s.count >= 4 { return Fingerprint(document: document, call: c.index, shingles: s) }
        let all = shortShingles(c)
        return all.count >= minShortShingles ? Fingerprint(document: document, call: c.index, shingles: all, short: true) : nil
    }

    public static func find(in documents: [Document]) -> [DuplicateLink] {
        find(documents.flatMap(fingerprints(of:)))
    }

    public static func find(_ fingerprints: [Fingerprint]) -> [DuplicateLink] {
        var index = Index()
        for f in fingerprints { index.add(f) }
        return index.links()
    }

    /// The calls of a corpus as they are read, each kept as its sorted shingles one after another
    /// — 4 bytes per sampled shingle — and compared once all are in. The shingles are kept in
    /// pieces of a fixed size, so that growing them never needs room for a second copy of all.
    /// They are compared a bucket of shingles at a time (by the shingle's top bits): each call's
    /// shingles in a bucket stand together, so a bucket's postings are gathered with one cursor
    /// per call and only one bucket's postings are ever held.
    public struct Index: Sendable {
        private var keys: [Key] = []
        private var sizes: [Int32] = []
        private var short: [Bool] = []
        private var versions: [UInt64] = []
        /// Every call's shingles, call after call; each piece is full but for the last.
        private var shingles: [[UInt32]] = [[]]
        static let buckets = 256
        /// The bucket a shingle is compared in: its top 8 bits.
        static func bucket(of h: UInt32) -> UInt32 { h >> 24 }
        /// Shingles in a piece: a full piece has no unused room.
        static let pieceSize = 16384

        public init() {}

        public mutating func add(_ f: Fingerprint) {
            keys.append(Key(document: f.document, call: f.call))
            sizes.append(Int32(f.shingles.count))
            short.append(f.short)
            versions.append(f.version)
            for h in f.shingles {
                if shingles[shingles.count - 1].count == Index.pieceSize {
                    shingles.append([])
                    shingles[shingles.count - 1].reserveCapacity(Index.pieceSize)
                }
                shingles[shingles.count - 1].append(h)
            }
        }

        /// Whether call `id`, sharing `n` shingles with another and with `left` of its shingles
        /// still to be compared, can still be contained in it enough to be its copy.
        private func canReach(_ n: Int, left: Int, _ id: Int) -> Bool {
            Double(n + left) / Double(sizes[id]) >= (short[id] ? shortContainmentThreshold : containmentThreshold)
        }

        /// Adds the shingles `postings` (sorted) share to `shared`, for each ordered pair of calls
        /// of different documents; a stock phrase, in too many calls, is passed over. A pair is
        /// not begun for a call that, with the `left` shingles it has from this bucket on, could
        /// no longer share enough with the other to be its copy: most pairs of calls share only
        /// stock phrases, and this keeps them from being counted at all.
        private func count(_ postings: [UInt64], left: [Int], into shared: inout [Int: [Int32: Int32]]) {
            var start = 0
            while start < postings.count {
                var end = start + 1
                while end < postings.count, postings[end] >> 32 == postings[start] >> 32 { end += 1 }
                if end - start > 1, end - start <= maxCallsPerShingle {
                    for i in start..<end {
                        let a = Int(postings[i] & 0xFFFF_FFFF)
                        for j in start..<end where j != i {
                            let b = Int32(truncatingIfNeeded: postings[j] & 0xFFFF_FFFF)
                            guard keys[Int(b)].document != keys[a].document else { continue }
                            if (shared[a]?[b]? += 1) == nil, canReach(0, left: left[a], a) { shared[a, default: [:]][b] = 1 }
                        }
                    }
                }
                start = end
            }
        }

        /// Every call that repeats another document's call, linked to its best original. The
        /// index is used up: its shingles are let go once they are compared.
        public consuming func links() -> [DuplicateLink] {
            // Copies of one version: the first by name stands for them all.
            var first: [UInt64: Int] = [:]
            for id in keys.indices {
                if let f = first[versions[id]], keys[f] < keys[id] { continue }
                first[versions[id]] = id
            }
            var representative = [Int](keys.indices)
            for id in keys.indices { representative[id] = first[versions[id]]! }
            // Each version's next shingle not yet compared, and the end of its shingles.
            var next = [Int](repeating: 0, count: keys.count)
            var stop = [Int](repeating: 0, count: keys.count)
            var versionIDs: [Int] = []
            var total = 0
            for id in keys.indices {
                if representative[id] == id {
                    versionIDs.append(id)
                    next[id] = total
                    stop[id] = total + Int(sizes[id])
                }
                total += Int(sizes[id])
            }
            let piece = Index.pieceSize
            // Shared shingles per ordered pair of versions from different documents, a bucket at a
            // time: sorted, the versions that share each shingle stand together.
            var shared: [Int: [Int32: Int32]] = [:]
            var bucket: [UInt64] = []
            var left = [Int](repeating: 0, count: keys.count)
            for b in 0..<UInt32(Index.buckets) {
                bucket.removeAll(keepingCapacity: true)
                for id in versionIDs {
                    var i = next[id]
                    left[id] = stop[id] - i
                    while i < stop[id], case let h = shingles[i / piece][i % piece], Index.bucket(of: h) == b {
                        bucket.append(UInt64(h) << 32 | UInt64(id))
                        i += 1
                    }
                    next[id] = i
                }
                bucket.sort()
                count(bucket, left: left, into: &shared)
                // Pairs that can no longer reach a copy's containment are let go as they fall behind.
                if b % 16 == 15 {
                    for a in Array(shared.keys) {
                        let remaining = stop[a] - next[a]
                        shared[a] = shared[a]!.filter { canReach(Int($0.value), left: remaining, a) }
                        if shared[a]!.isEmpty { shared[a] = nil }
                    }
                }
            }
            shingles = []
            var links: [DuplicateLink] = []
            var original: [Int: (call: Int, link: DuplicateLink)] = [:]
            for id in shared.keys.sorted(by: { keys[$0] < keys[$1] }) {
                let mine = Int(sizes[id])
                let threshold = short[id] ? shortContainmentThreshold : containmentThreshold
                // The best original: most shared, then larger, then first by name.
                var best: Int?
                for (o, n) in shared[id]! where Double(n) / Double(mine) >= threshold {
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
                let link = DuplicateLink(document: keys[id].document, call: keys[id].call, original: keys[b].document,
                                         originalCall: keys[b].call,
                                         containment: Double(n) / Double(mine),
                                         coverage: Double(n) / Double(theirs))
                links.append(link)
                original[id] = (b, link)
            }
            // Every other copy of a version: linked to the call its version repeats, or else to
            // the version's first copy; copies inside one document are not copies of each other.
            for id in keys.indices where representative[id] != id {
                let r = representative[id]
                if let (b, link) = original[r], keys[b].document != keys[id].document {
                    links.append(DuplicateLink(document: keys[id].document, call: keys[id].call, original: link.original,
                                               originalCall: link.originalCall, containment: link.containment, coverage: link.coverage))
                } else if keys[r].document != keys[id].document {
                    links.append(DuplicateLink(document: keys[id].document, call: keys[id].call, original: keys[r].document,
                                               originalCall: keys[r].call, containment: 1, coverage: 1))
                }
            }
            return links.sorted { ($0.document, $0.call, $0.original, $0.originalCall) < ($1.document, $1.call, $1.original, $1.originalCall) }
        }
    }
}
