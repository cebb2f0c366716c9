/// A prefix tree over Unicode scalars, stored as one open-addressing hash table.
///
/// Each node is a slot keyed by (parent node, scalar); the slot's index is the node's id, so a
/// step down the tree is one hash probe and no child lists are kept. The table is a flat array of
/// plain structs, which makes the compiled cache a straight copy of memory. Words stay editable:
/// inserting adds slots, removing marks the node. Children of the root whose scalar lies in the
/// Basic Multilingual Plane are also kept in a direct table, because every position of every
/// sentence starts there.
struct DictionaryTrie: Sendable {
    /// One node: its key (occupied bit, parent node, scalar), its weight and whether it has children.
    struct Slot: Sendable {
        var key: UInt64
        /// Natural log of the word's frequency (≥ 0), or `notWord` / `removed`.
        var weight: Float
        var hasChildren: UInt32
    }

    /// A prefix of some word but not a word itself.
    static let notWord: Float = -1
    /// A word removed from the dictionary (frequency 0): never a candidate, and split if the HMM
    /// proposes it.
    static let removed: Float = -2
    /// Node id of the root; other nodes are `slot index + 1`.
    static let root: UInt32 = 0
    static let occupied: UInt64 = 1 << 63
    static let rootTableSize = 0x10000

    private(set) var slots: [Slot]
    /// Child node of the root for each BMP scalar, 0 when none.
    private(set) var rootTable: [UInt32]
    private(set) var bits: Int
    private(set) var count: Int

    init(capacityBits: Int = 10) {
        bits = capacityBits
        count = 0
        slots = Array(repeating: Slot(key: 0, weight: 0, hasChildren: 0), count: 1 << capacityBits)
        rootTable = Array(repeating: 0, count: Self.rootTableSize)
    }

    init(slots: [Slot], rootTable: [UInt32], bits: Int, count: Int) {
        self.slots = slots
        self.rootTable = rootTable
        self.bits = bits
        self.count = count
    }

    @inline(__always)
    static func key(_ parent: UInt32, _ scalar: UInt32) -> UInt64 {
        occupied | UInt64(parent) << 21 | UInt64(scalar)
    }

    @inline(__always)
    static func home(_ key: UInt64, bits: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - bits))
    }

    /// The child of `parent` labelled `scalar`, or 0.
    func child(_ parent: UInt32, _ scalar: UInt32) -> UInt32 {
        if parent == Self.root && scalar < UInt32(Self.rootTableSize) { return rootTable[Int(scalar)] }
        let key = Self.key(parent, scalar)
        let mask = slots.count - 1
        var i = Self.home(key, bits: bits)
        while true {
            let k = slots[i].key
            if k == key { return UInt32(i + 1) }
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
        return n == 0 || n == Self.root ? Self.notWord : slots[Int(n) - 1].weight
    }

    /// Sets the weight of `word`, adding its nodes as needed.
    mutating func setWeight<C: Collection>(_ weight: Float, for word: C) where C.Element == UInt32 {
        if (count + word.count) * 4 > slots.count * 3 { grow(minimum: count + word.count) }
        var node = Self.root
        for s in word {
            let next = child(node, s)
            if next != 0 {
                node = next
                continue
            }
            if node != Self.root { slots[Int(node) - 1].hasChildren = 1 }
            let key = Self.key(node, s)
            let mask = slots.count - 1
            var i = Self.home(key, bits: bits)
            while slots[i].key != 0 { i = (i + 1) & mask }
            slots[i] = Slot(key: key, weight: Self.notWord, hasChildren: 0)
            count += 1
            if node == Self.root && s < UInt32(Self.rootTableSize) { rootTable[Int(s)] = UInt32(i + 1) }
            node = UInt32(i + 1)
        }
        if node != Self.root { slots[Int(node) - 1].weight = weight }
    }

    /// Rehashes into a table at least twice as large; parents go in before their children so that
    /// every key can be rewritten with its parent's new id.
    private mutating func grow(minimum: Int) {
        var newBits = bits + 1
        while minimum * 4 > (1 << newBits) * 3 { newBits += 1 }
        let old = slots
        // Depth of each occupied slot, found by following parents.
        var depth = [Int32](repeating: 0, count: old.count)
        func parent(_ i: Int) -> Int { Int(old[i].key >> 21 & 0x3FF_FFFF_FFFF) }
        var maxDepth: Int32 = 0
        for i in old.indices where old[i].key != 0 && depth[i] == 0 {
            var chain: [Int] = []
            var j = i
            while old[j].key != 0 && depth[j] == 0 {
                chain.append(j)
                let p = parent(j)
                if p == 0 { break }
                j = p - 1
            }
            var d: Int32 = depth[j] == 0 ? 0 : depth[j]
            for k in chain.reversed() {
                d += 1
                depth[k] = d
            }
            maxDepth = max(maxDepth, d)
        }
        var byDepth = [[Int]](repeating: [], count: Int(maxDepth) + 1)
        for i in old.indices where old[i].key != 0 { byDepth[Int(depth[i])].append(i) }
        var remap = [UInt32](repeating: 0, count: old.count + 1)
        var fresh = DictionaryTrie(capacityBits: newBits)
        let mask = (1 << newBits) - 1
        for level in byDepth {
            for i in level {
                let s = UInt32(truncatingIfNeeded: old[i].key & 0x1F_FFFF)
                let p = UInt32(parent(i))
                let newParent = p == 0 ? Self.root : remap[Int(p)]
                let key = Self.key(newParent, s)
                var j = Self.home(key, bits: newBits)
                while fresh.slots[j].key != 0 { j = (j + 1) & mask }
                fresh.slots[j] = Slot(key: key, weight: old[i].weight, hasChildren: old[i].hasChildren)
                remap[i + 1] = UInt32(j + 1)
                if newParent == Self.root && s < UInt32(Self.rootTableSize) { fresh.rootTable[Int(s)] = UInt32(j + 1) }
            }
        }
        fresh.count = count
        self = fresh
    }
}
