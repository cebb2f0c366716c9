/// A prefix tree over Unicode scalars, stored as one open-addressing hash table of 64-bit slots.
///
/// Each node is a slot keyed by (parent node, scalar); the slot's index is the node's id, so a
/// step down the tree is one hash probe and no child lists are kept. A slot packs, from the top
/// bit down: occupied (1 bit), has-children (1), weight index (16), parent node (25), scalar (21).
/// Word weights (log frequencies) are few and repeat, so slots hold an index into `weights`.
/// The table is flat memory, which makes the compiled cache a straight copy. Children of the
/// root in the Basic Multilingual Plane are also kept in a direct table, because every position
/// of every sentence starts there: each entry is that child's slot with the key bits replaced by
/// its node id, so the first step of a lookup touches no slot at all.
struct DictionaryTrie: Sendable {
    static let occupied: UInt64 = 1 << 63
    static let hasChildren: UInt64 = 1 << 62
    static let weightShift: UInt64 = 46
    static let keyMask: UInt64 = occupied | (1 << 46 - 1)
    /// Index of the weight of a prefix that is not a word itself.
    static let notWordIndex: UInt64 = 0
    /// Index of the weight of a removed word (frequency 0).
    static let removedIndex: UInt64 = 1
    /// Weight of a prefix that is not a word; real weights are log frequencies, ≥ 0.
    static let notWord: Float = -1
    /// Weight of a removed word: never a candidate, and split if the HMM proposes it.
    static let removed: Float = -2
    /// Node id of the root; other nodes are `slot index + 1`.
    static let root: UInt32 = 0
    static let rootTableSize = 0x10000
    static let maxBits = 24

    private(set) var slots: [UInt64]
    /// For each BMP scalar, the root's child as flags, weight index and node id; 0 when none.
    private(set) var rootTable: [UInt64]
    /// Distinct word weights; slots refer to them by index.
    private(set) var weights: [Float]
    /// One bit per hashed pair of first two scalars of a word: most pairs of adjacent characters
    /// in running text begin no word, and this 256 KB filter says so without touching the table.
    private(set) var pairFilter: [UInt64]
    static let pairBits = 21
    /// Copies of the slots below the first level that frequent words go through, in a small
    /// direct-mapped table (key, entry pairs) that stays in the processor's cache: most lookups
    /// in running text are for frequent words, and a miss here costs one more probe.
    private(set) var hot: [UInt64]
    static let hotBits = 14
    private var weightIndex: [Float: UInt16]
    private(set) var bits: Int
    private(set) var count: Int

    init(capacityBits: Int = 10) {
        bits = capacityBits
        count = 0
        slots = Array(repeating: 0, count: 1 << capacityBits)
        rootTable = Array(repeating: 0, count: Self.rootTableSize)
        weights = [Self.notWord, Self.removed]
        weightIndex = [Self.notWord: 0, Self.removed: 1]
        pairFilter = Array(repeating: 0, count: 1 << (Self.pairBits - 6))
        hot = Array(repeating: 0, count: 2 << Self.hotBits)
    }

    init(slots: [UInt64], rootTable: [UInt64], weights: [Float], pairFilter: [UInt64], hot: [UInt64], bits: Int, count: Int) {
        self.pairFilter = pairFilter
        self.hot = hot
        self.slots = slots
        self.rootTable = rootTable
        self.weights = weights
        self.bits = bits
        self.count = count
        var index: [Float: UInt16] = [:]
        for (i, w) in weights.enumerated() { index[w] = UInt16(i) }
        weightIndex = index
    }

    @inline(__always)
    static func key(_ parent: UInt32, _ scalar: UInt32) -> UInt64 {
        occupied | UInt64(parent) << 21 | UInt64(scalar)
    }

    @inline(__always)
    static func home(_ key: UInt64, bits: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - bits))
    }

    /// Bit index in `pairFilter` of the scalar pair (a, b).
    @inline(__always)
    static func pairBit(_ a: UInt32, _ b: UInt32) -> Int {
        Int(truncatingIfNeeded: ((UInt64(a) << 21 | UInt64(b)) &* 0xC2B2_AE3D_27D4_EB4F) >> UInt64(64 - pairBits))
    }

    /// Index of `key`'s pair in `hot`.
    @inline(__always)
    static func hotIndex(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0xD6E8_FEB8_6659_FD93) >> UInt64(64 - hotBits)) << 1
    }

    /// Puts the nodes of `word` below the first level into the hot table where their places are
    /// free; call for words in order of decreasing frequency.
    mutating func warm<C: Collection>(_ word: C) where C.Element == UInt32 {
        var node = Self.root
        for s in word {
            let next = child(node, s)
            if next == 0 { return }
            if node != Self.root {
                let key = Self.key(node, s)
                let h = Self.hotIndex(key)
                if hot[h] == 0 {
                    hot[h] = key
                    hot[h + 1] = Self.entry(slot: slots[Int(next) - 1], node: next)
                }
            }
            node = next
        }
    }

    /// Refreshes the hot copy of `node` after its slot changed.
    private mutating func syncHot(_ node: UInt32) {
        guard node != Self.root else { return }
        let key = slots[Int(node) - 1] & Self.keyMask
        let h = Self.hotIndex(key)
        if hot[h] == key { hot[h + 1] = Self.entry(slot: slots[Int(node) - 1], node: node) }
    }

    /// A root-table entry: the slot's flags and weight with the node id in the low bits.
    @inline(__always)
    static func entry(slot: UInt64, node: UInt32) -> UInt64 { slot & ~keyMask | occupied | UInt64(node) }

    @inline(__always)
    static func weightIndex(of slot: UInt64) -> Int { Int(truncatingIfNeeded: slot >> weightShift & 0xFFFF) }

    /// The child of `parent` labelled `scalar`, or 0.
    func child(_ parent: UInt32, _ scalar: UInt32) -> UInt32 {
        if parent == Self.root && scalar < UInt32(Self.rootTableSize) {
            return UInt32(truncatingIfNeeded: rootTable[Int(scalar)] & 0xFFFF_FFFF)
        }
        let key = Self.key(parent, scalar)
        let mask = slots.count - 1
        var i = Self.home(key, bits: bits)
        while true {
            let k = slots[i]
            if k & Self.keyMask == key { return UInt32(i + 1) }
            if k == 0 { return 0 }
            i = (i + 1) & mask
        }
    }

    /// The node reached by `word`, or 0 when it is not even a prefix.
    func node<C: Collection>(for word: C) -> UInt32 where C.Element == UInt32 {
        var node = Self.root
        for s in word {
            node = child(node, s)
            if node == 0 { return 0 }
        }
        return node
    }

    /// Weight of `word`: its log frequency, or `notWord`/`removed`.
    func weight<C: Collection>(of word: C) -> Float where C.Element == UInt32 {
        let n = node(for: word)
        return n == 0 || n == Self.root ? Self.notWord : weights[Self.weightIndex(of: slots[Int(n) - 1])]
    }

    private mutating func index(of weight: Float) -> UInt64 {
        if let i = weightIndex[weight] { return UInt64(i) }
        if weights.count <= Int(UInt16.max) {
            weightIndex[weight] = UInt16(weights.count)
            weights.append(weight)
            return UInt64(weights.count - 1)
        }
        // The table is full: use the nearest weight already present.
        var best = 2
        for i in 2..<weights.count where abs(weights[i] - weight) < abs(weights[best] - weight) { best = i }
        return UInt64(best)
    }

    /// Sets the weight of `word`, adding its nodes as needed.
    mutating func setWeight<C: Collection>(_ weight: Float, for word: C) where C.Element == UInt32 {
        if word.isEmpty { return }
        if (count + word.count) * 4 > slots.count * 3 { grow(minimum: count + word.count) }
        if word.count >= 2 {
            let bit = Self.pairBit(word[word.startIndex], word[word.index(after: word.startIndex)])
            pairFilter[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        let w = index(of: weight)
        var node = Self.root
        for s in word {
            let next = child(node, s)
            if next != 0 {
                node = next
                continue
            }
            if node != Self.root {
                slots[Int(node) - 1] |= Self.hasChildren
                syncRoot(node)
            }
            let key = Self.key(node, s)
            let mask = slots.count - 1
            var i = Self.home(key, bits: bits)
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = key
            count += 1
            syncRoot(node, s, UInt32(i + 1))
            node = UInt32(i + 1)
        }
        let i = Int(node) - 1
        slots[i] = slots[i] & ~(0xFFFF << Self.weightShift) | w << Self.weightShift
        syncRoot(node)
    }

    /// Copies a node's changed slot into the root table or the hot table, where it has a copy.
    private mutating func syncRoot(_ node: UInt32) {
        guard node != Self.root else { return }
        syncHot(node)
        let slot = slots[Int(node) - 1]
        if slot >> 21 & 0x1FF_FFFF == 0 { syncRoot(Self.root, UInt32(truncatingIfNeeded: slot & 0x1F_FFFF), node) }
    }

    private mutating func syncRoot(_ parent: UInt32, _ scalar: UInt32, _ node: UInt32) {
        if parent == Self.root && scalar < UInt32(Self.rootTableSize) {
            rootTable[Int(scalar)] = Self.entry(slot: slots[Int(node) - 1], node: node)
        }
    }

    /// Rehashes into a larger table; parents go in before their children so that every key can
    /// be rewritten with its parent's new id.
    private mutating func grow(minimum: Int) {
        var newBits = bits + 1
        while minimum * 4 > (1 << newBits) * 3 { newBits += 1 }
        precondition(newBits <= Self.maxBits, "segmentation dictionary larger than \(3 << (Self.maxBits - 2)) nodes")
        let old = slots
        func parent(_ i: Int) -> Int { Int(old[i] >> 21 & 0x1FF_FFFF) }
        var depth = [Int32](repeating: 0, count: old.count)
        var maxDepth: Int32 = 0
        for i in old.indices where old[i] != 0 && depth[i] == 0 {
            var chain: [Int] = []
            var j = i
            while depth[j] == 0 {
                chain.append(j)
                let p = parent(j)
                if p == 0 { break }
                j = p - 1
            }
            var d: Int32 = depth[j]
            for k in chain.reversed() {
                d += 1
                depth[k] = d
            }
            maxDepth = max(maxDepth, d)
        }
        var byDepth = [[Int]](repeating: [], count: Int(maxDepth) + 1)
        for i in old.indices where old[i] != 0 { byDepth[Int(depth[i])].append(i) }
        var remap = [UInt32](repeating: 0, count: old.count + 1)
        var fresh = [UInt64](repeating: 0, count: 1 << newBits)
        var freshRoot = [UInt64](repeating: 0, count: Self.rootTableSize)
        let mask = (1 << newBits) - 1
        for level in byDepth {
            for i in level {
                let s = UInt32(truncatingIfNeeded: old[i] & 0x1F_FFFF)
                let p = parent(i)
                let newParent = p == 0 ? Self.root : remap[p]
                let key = Self.key(newParent, s)
                var j = Self.home(key, bits: newBits)
                while fresh[j] != 0 { j = (j + 1) & mask }
                fresh[j] = key | old[i] & ~Self.keyMask
                remap[i + 1] = UInt32(j + 1)
                if newParent == Self.root && s < UInt32(Self.rootTableSize) {
                    freshRoot[Int(s)] = Self.entry(slot: fresh[j], node: UInt32(j + 1))
                }
            }
        }
        var freshHot = [UInt64](repeating: 0, count: hot.count)
        for h in stride(from: 0, to: hot.count, by: 2) where hot[h] != 0 {
            let oldParent = Int(hot[h] >> 21 & 0x1FF_FFFF)
            let oldNode = Int(hot[h + 1] & 0xFFFF_FFFF)
            let key = Self.key(remap[oldParent], UInt32(truncatingIfNeeded: hot[h] & 0x1F_FFFF))
            let node = remap[oldNode]
            let nh = Self.hotIndex(key)
            if freshHot[nh] == 0 {
                freshHot[nh] = key
                freshHot[nh + 1] = Self.entry(slot: fresh[Int(node) - 1], node: node)
            }
        }
        slots = fresh
        rootTable = freshRoot
        hot = freshHot
        bits = newBits
    }
}
