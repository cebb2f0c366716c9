/// A prefix tree over Unicode scalars stored as a double array of 64-bit units.
///
/// Scalars are first mapped to dense codes (1, 2, …; 0 for a scalar no word contains), given in
/// order of falling frequency in the dictionary. The child of node `n` labelled with code `c` is
/// unit `base(n) + c`, and it is that child only if the unit's check field names `n`: a step down
/// the tree is one load, with no hashing. The root's base is 0, so the first level is indexed by
/// code directly, and frequent characters (small codes) share a few cache lines; the nodes below
/// them are placed breadth first, frequent parents first, so the parts of the array that running
/// text touches most are compact as well.
///
/// A unit packs, from bit 0: check (24 bits, the parent's index; all ones when the unit is free),
/// base (24 bits; 0 when the node has no children) and weight index (16 bits). Word weights (log
/// frequencies) are few and repeat, so units hold an index into `weights`. The array is flat
/// memory, which makes the compiled cache a straight copy. Every base leaves room for every code
/// (`units.count ≥ base + codeCount`), so a lookup needs no bounds test.
struct DictionaryTrie: Sendable {
    /// Index of the weight of a prefix that is not a word itself.
    static let notWordIndex: UInt64 = 0
    /// Index of the weight of a removed word (frequency 0).
    static let removedIndex: UInt64 = 1
    /// Weight of a prefix that is not a word; real weights are log frequencies, ≥ 0.
    static let notWord: Float = -1
    /// Weight of a removed word: never a candidate, and split if the HMM proposes it.
    static let removed: Float = -2
    /// Index of the root unit.
    static let root = 0
    static let indexMask: UInt64 = (1 << 24) - 1
    static let baseShift: UInt64 = 24
    static let weightShift: UInt64 = 48
    /// A free unit: its check is all ones, which is no node's index.
    static let freeUnit: UInt64 = indexMask
    /// Units an array may have; the last index is reserved for the free mark.
    static let maxUnits = Int(indexMask)
    static let codeTableSize = 0x10000
    static let codeMask: UInt32 = 0xFF_FFFF
    static let classShift: UInt32 = 24

    private(set) var units: [UInt64]
    /// For each BMP scalar, its code in bits 0–23 (0 when no word contains it; for full-width
    /// ASCII, the code of the ASCII scalar it folds to) and its `ScalarClass` in bits 24–26: the
    /// segmenter's first look at every scalar of the text is then a single load.
    private(set) var codeTable: [UInt32]
    /// Codes of scalars above the BMP, sorted: scalar in the high 32 bits, code in the low.
    private(set) var wideCodes: [UInt64]
    /// One more than the largest code given out.
    private(set) var codeCount: Int
    /// Distinct word weights; units refer to them by index.
    private(set) var weights: [Float]
    private var weightIndex: [Float: UInt16]
    /// Nodes below the root.
    private(set) var count: Int
    /// Free units are looked for from here when words are added one by one.
    private var freeHint = 1

    /// An empty tree.
    init() {
        self.init(units: [Self.freeUnit, Self.freeUnit], codeTable: [UInt32](repeating: 0, count: Self.codeTableSize),
                  wideCodes: [], codeCount: 1, weights: [Self.notWord, Self.removed], count: 0)
    }

    init(units: [UInt64], codeTable: [UInt32], wideCodes: [UInt64], codeCount: Int, weights: [Float], count: Int) {
        self.units = units
        var table = codeTable
        Self.completeCodeTable(&table)
        self.codeTable = table
        self.wideCodes = wideCodes
        self.codeCount = codeCount
        self.weights = weights
        self.count = count
        var index: [Float: UInt16] = [:]
        for (i, w) in weights.enumerated() { index[w] = UInt16(i) }
        weightIndex = index
    }

    /// Sets the class bits of every entry and copies each ASCII code to its full-width form.
    static func completeCodeTable(_ table: inout [UInt32]) {
        for v in 0..<codeTableSize {
            table[v] = table[v] & codeMask | UInt32(ScalarClass.of(UInt32(v)).rawValue) << classShift
        }
        for v in 0xFF01...0xFF5E { table[v] = table[v] & ~codeMask | table[v - 0xFEE0] & codeMask }
    }

    @inline(__always)
    static func check(_ unit: UInt64) -> Int { Int(truncatingIfNeeded: unit & indexMask) }

    @inline(__always)
    static func base(_ unit: UInt64) -> Int { Int(truncatingIfNeeded: unit >> baseShift & indexMask) }

    @inline(__always)
    static func weightIndex(of unit: UInt64) -> Int { Int(truncatingIfNeeded: unit >> weightShift) }

    /// Code of a scalar above the BMP, or 0.
    static func wideCode(_ scalar: UInt32, in wide: UnsafeBufferPointer<UInt64>) -> UInt32 {
        var lo = 0, hi = wide.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            let s = UInt32(truncatingIfNeeded: wide[mid] >> 32)
            if s == scalar { return UInt32(truncatingIfNeeded: wide[mid]) }
            if s < scalar { lo = mid + 1 } else { hi = mid }
        }
        return 0
    }

    /// Code of `scalar`, or 0 when no word contains it.
    func code(_ scalar: UInt32) -> Int {
        if scalar < UInt32(Self.codeTableSize) { return Int(codeTable[Int(scalar)] & Self.codeMask) }
        return wideCodes.withUnsafeBufferPointer { Int(Self.wideCode(scalar, in: $0)) }
    }

    /// The child of `node` labelled with `code`, or 0.
    func child(_ node: Int, _ code: Int) -> Int {
        guard code > 0 && code < codeCount else { return 0 }
        let b = node == Self.root ? 0 : Self.base(units[node])
        if node != Self.root && b == 0 { return 0 }
        return Self.check(units[b + code]) == node ? b + code : 0
    }

    /// The node reached by `word`, or 0 when it is not even a prefix.
    func node<C: Collection>(for word: C) -> Int where C.Element == UInt32 {
        var node = Self.root
        for s in word {
            node = child(node, code(s))
            if node == 0 { return 0 }
        }
        return node
    }

    /// Weight of `word`: its log frequency, or `notWord`/`removed`.
    func weight<C: Collection>(of word: C) -> Float where C.Element == UInt32 {
        let n = node(for: word)
        return n == Self.root ? Self.notWord : weights[Self.weightIndex(of: units[n])]
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

    // MARK: - Adding words one by one

    /// Sets the weight of `word`, adding its nodes as needed.
    mutating func setWeight<C: Collection>(_ weight: Float, for word: C) where C.Element == UInt32 {
        if word.isEmpty { return }
        let w = index(of: weight)
        var node = Self.root
        for s in word {
            var c = code(s)
            if c == 0 { c = addCode(s) }
            node = childOrInsert(node, c)
        }
        units[node] = units[node] & ~(0xFFFF << Self.weightShift) | w << Self.weightShift
    }

    /// Gives `scalar` the next code; the array grows by one unit so every base still has room.
    private mutating func addCode(_ scalar: UInt32) -> Int {
        let c = codeCount
        precondition(c < Self.maxUnits, "segmentation dictionary has too many distinct characters")
        codeCount += 1
        if scalar < UInt32(Self.codeTableSize) {
            codeTable[Int(scalar)] = codeTable[Int(scalar)] & ~Self.codeMask | UInt32(c)
            if scalar >= 0x21 && scalar <= 0x7E {
                let wide = Int(scalar) + 0xFEE0
                codeTable[wide] = codeTable[wide] & ~Self.codeMask | UInt32(c)
            }
        } else {
            let key = UInt64(scalar) << 32 | UInt64(c)
            let at = wideCodes.firstIndex { $0 >> 32 > UInt64(scalar) } ?? wideCodes.count
            wideCodes.insert(key, at: at)
        }
        reserve(units.count + 1)
        return c
    }

    /// Grows the array with free units to at least `n` units.
    private mutating func reserve(_ n: Int) {
        precondition(n <= Self.maxUnits, "segmentation dictionary larger than \(Self.maxUnits) trie units")
        if units.count < n { units.append(contentsOf: repeatElement(Self.freeUnit, count: n - units.count)) }
    }

    @inline(__always)
    private func isFree(_ i: Int) -> Bool { i >= units.count || Self.check(units[i]) == Self.check(Self.freeUnit) }

    private mutating func occupy(_ i: Int, parent: Int) {
        units[i] = UInt64(parent)
        count += 1
    }

    private mutating func setBase(_ node: Int, _ base: Int) {
        units[node] = units[node] & ~(Self.indexMask << Self.baseShift) | UInt64(base) << Self.baseShift
    }

    /// The child of `node` labelled `c`, created if missing; a conflict moves one node's children.
    private mutating func childOrInsert(_ node: Int, _ c: Int) -> Int {
        if node == Self.root {
            if Self.check(units[c]) == Self.root { return c }
            if !isFree(c) {
                let other = Self.check(units[c])
                _ = relocate(other, children: childCodes(other), adding: nil)
            }
            occupy(c, parent: Self.root)
            return c
        }
        let b = Self.base(units[node])
        if b == 0 {
            let nb = findBase([c])
            setBase(node, nb)
            occupy(nb + c, parent: node)
            return nb + c
        }
        let t = b + c
        let other = Self.check(units[t])
        if other == node { return t }
        if isFree(t) {
            occupy(t, parent: node)
            return t
        }
        // The unit belongs to another node's child: move the children of whichever of the two
        // nodes has fewer (the other one only when that does not move `node` itself).
        let mine = childCodes(node)
        if other != Self.root && other != Self.check(units[node]) {
            let theirs = childCodes(other)
            if theirs.count < mine.count + 1 {
                _ = relocate(other, children: theirs, adding: nil)
                occupy(t, parent: node)
                return t
            }
        }
        return relocate(node, children: mine, adding: c) + c
    }

    /// The codes of `node`'s children.
    private func childCodes(_ node: Int) -> [Int] {
        let b = node == Self.root ? 0 : Self.base(units[node])
        if node != Self.root && b == 0 { return [] }
        return units.withUnsafeBufferPointer { u in
            var kids: [Int] = []
            let at = u.baseAddress! + b, want = UInt64(node)
            for c in 1..<codeCount where at[c] & Self.indexMask == want { kids.append(c) }
            return kids
        }
    }

    /// Moves the children of `node` (their codes `kids`, and `extra`, a new child) to a base where
    /// all are free; returns the new base.
    private mutating func relocate(_ node: Int, children kids: [Int], adding extra: Int?) -> Int {
        let old = Self.base(units[node])
        let nb = findBase((kids + (extra.map { [$0] } ?? [])).sorted())
        for c in kids {
            let from = old + c, to = nb + c
            units[to] = units[from]
            let gb = Self.base(units[from])
            if gb != 0 {
                let codeCount = self.codeCount
                units.withUnsafeMutableBufferPointer { u in
                    let at = u.baseAddress! + gb, want = UInt64(from)
                    for g in 1..<codeCount where at[g] & Self.indexMask == want { at[g] = at[g] & ~Self.indexMask | UInt64(to) }
                }
            }
            units[from] = Self.freeUnit
        }
        setBase(node, nb)
        if let extra {
            units[nb + extra] = UInt64(node)
            count += 1
        }
        return nb
    }

    /// A base ≥ 1 at which every code in `codes` (sorted) lands on a free unit; the array grows so
    /// that the base has room for every code. The search starts at `freeHint`, which moves past
    /// stretches where a thousand units in a row offered no place: the array built from the main
    /// dictionary is nearly full up front, and walking that part for every added word would cost
    /// far more than the gaps it could fill.
    private mutating func findBase(_ codes: [Int]) -> Int {
        var f = max(freeHint, codes[0] + 1)
        var tried = 0
        while true {
            if isFree(f) {
                let b = f - codes[0]
                if codes.allSatisfy({ isFree(b + $0) }) {
                    reserve(b + codeCount)
                    return b
                }
            }
            f += 1
            tried += 1
            if tried == 1024 {
                freeHint = max(freeHint, f)
                tried = 0
            }
        }
    }

    // MARK: - Building from a word list

    /// Builds the tree for a whole dictionary at once. Word `i` is `scalars[ends[i - 1]..<ends[i]]`
    /// (from 0 for the first) with weight `weights[i]`; `frequencies` rank the characters. When a
    /// word is listed twice, the later entry wins.
    static func build(scalars: [UInt32], ends: [Int], weights wordWeights: [Float], frequencies: [Double]) -> DictionaryTrie {
        var trie = DictionaryTrie()
        let n = ends.count
        if n == 0 { return trie }
        func start(_ i: Int) -> Int { i == 0 ? 0 : ends[i - 1] }

        // Codes by falling frequency of the character over all words (ties by scalar).
        var bmp = [Double](repeating: -1, count: codeTableSize)
        var wide: [UInt32: Double] = [:]
        for i in 0..<n {
            let f = max(frequencies[i], 0)
            for k in start(i)..<ends[i] {
                let s = scalars[k]
                if s < UInt32(codeTableSize) { bmp[Int(s)] = max(bmp[Int(s)], 0) + f } else { wide[s, default: 0] += f }
            }
        }
        var ranked: [(scalar: UInt32, frequency: Double)] = []
        for s in 0..<codeTableSize where bmp[s] >= 0 { ranked.append((UInt32(s), bmp[s])) }
        for (s, f) in wide { ranked.append((s, f)) }
        ranked.sort { $0.frequency != $1.frequency ? $0.frequency > $1.frequency : $0.scalar < $1.scalar }
        precondition(ranked.count < maxUnits / 2, "segmentation dictionary has too many distinct characters")
        var wideCodes: [UInt64] = []
        var table = trie.codeTable
        for (i, r) in ranked.enumerated() {
            if r.scalar < UInt32(codeTableSize) { table[Int(r.scalar)] = UInt32(i + 1) } else {
                wideCodes.append(UInt64(r.scalar) << 32 | UInt64(i + 1))
            }
        }
        completeCodeTable(&table)
        trie.codeTable = table
        wideCodes.sort()
        trie.wideCodes = wideCodes
        trie.codeCount = ranked.count + 1
        let codeCount = trie.codeCount
        var wordCodes = [UInt32](repeating: 0, count: scalars.count)
        for k in scalars.indices { wordCodes[k] = UInt32(trie.code(scalars[k])) }
        let weightIndices = wordWeights.map { trie.index(of: $0) }

        // Words in lexicographic order of codes (a prefix first; equal words in file order), so
        // that each node's words form one range and its children split that range.
        var prefixKey = [UInt64](repeating: 0, count: n)
        for i in 0..<n {
            var key: UInt64 = 0
            for k in 0..<4 {
                let at = start(i) + k
                key = key << 16 | (at < ends[i] ? UInt64(min(wordCodes[at], 0xFFFF)) : 0)
            }
            prefixKey[i] = key
        }
        var order = Array(0..<n)
        wordCodes.withUnsafeBufferPointer { wc in
            order.sort { a, b in
                if prefixKey[a] != prefixKey[b] { return prefixKey[a] < prefixKey[b] }
                var i = start(a), j = start(b)
                let ea = ends[a], eb = ends[b]
                while i < ea && j < eb {
                    if wc[i] != wc[j] { return wc[i] < wc[j] }
                    i += 1
                    j += 1
                }
                if (ea - i) != (eb - j) { return i == ea }
                return a < b
            }
        }

        // Breadth first, so that the children of frequent characters are placed first.
        var units = [UInt64](repeating: freeUnit, count: max(codeCount + 1, scalars.count / 2))
        // Next possibly free unit at or after each index, with paths shortened as they are walked.
        var nextFree = [Int32](0..<Int32(units.count))
        func grow(_ to: Int) {
            precondition(to <= maxUnits, "segmentation dictionary larger than \(maxUnits) trie units")
            let old = units.count
            guard to > old else { return }
            let size = max(to, old + old / 2)
            units.append(contentsOf: repeatElement(freeUnit, count: size - old))
            nextFree.append(contentsOf: Int32(old)..<Int32(size))
        }
        func findFree(_ from: Int) -> Int {
            var r = from
            while true {
                if r >= units.count { grow(r + 1) }
                let up = Int(nextFree[r])
                if up == r { return r }
                if up >= units.count { grow(up + 1) }
                if Int(nextFree[up]) != up { nextFree[r] = nextFree[up] }
                r = Int(nextFree[r])
            }
        }
        func use(_ i: Int) { nextFree[i] = Int32(i + 1) }
        use(0)
        var maxBase = 0
        var nodeCount = 0
        struct Pending { var node: Int32; var lo: Int32; var hi: Int32; var depth: Int32 }
        var queue = [Pending(node: 0, lo: 0, hi: Int32(n), depth: 0)]
        var head = 0
        var searchFrom = [Int](repeating: 0, count: Int.bitWidth + 1)
        var labels: [Int] = []
        var ranges: [(Int, Int)] = []
        while head < queue.count {
            let item = queue[head]
            head += 1
            let node = Int(item.node), depth = Int(item.depth)
            var i = Int(item.lo)
            let hi = Int(item.hi)
            // The words that end here come first in the range (an empty word, at the root, is
            // passed over).
            var w = notWordIndex
            while i < hi && ends[order[i]] - start(order[i]) == depth {
                w = weightIndices[order[i]]
                i += 1
            }
            if depth > 0 { units[node] = units[node] & ~(0xFFFF << weightShift) | w << weightShift }
            labels.removeAll(keepingCapacity: true)
            ranges.removeAll(keepingCapacity: true)
            while i < hi {
                let c = Int(wordCodes[start(order[i]) + depth])
                var j = i + 1
                while j < hi && Int(wordCodes[start(order[j]) + depth]) == c { j += 1 }
                labels.append(c)
                ranges.append((i, j))
                i = j
            }
            if labels.isEmpty { continue }
            var base = 0
            if node != root {
                // Nodes with as many children as this one did not fit below where the last one
                // went, and the array only fills up: start there, or the search for a place for
                // a node with many children would walk every free unit of the dense part again.
                let bucket = Int.bitWidth - (labels.count - 1).leadingZeroBitCount
                var f = findFree(max(labels[0] + 1, searchFrom[bucket]))
                while true {
                    let b = f - labels[0]
                    if b + labels[labels.count - 1] >= units.count { grow(b + labels[labels.count - 1] + 1) }
                    var ok = true
                    for c in labels.dropFirst() where checkOf(units[b + c]) != checkOf(freeUnit) {
                        ok = false
                        break
                    }
                    if ok {
                        base = b
                        if labels.count > 1 { searchFrom[bucket] = f }
                        break
                    }
                    f = findFree(f + 1)
                }
                units[node] = units[node] & ~(indexMask << baseShift) | UInt64(base) << baseShift
                maxBase = max(maxBase, base)
            }
            for (k, c) in labels.enumerated() {
                let t = base + c
                if t >= units.count { grow(t + 1) }
                units[t] = UInt64(node)
                use(t)
                nodeCount += 1
                queue.append(Pending(node: Int32(t), lo: Int32(ranges[k].0), hi: Int32(ranges[k].1), depth: Int32(depth + 1)))
            }
            // Drop what is processed once in a while, so the queue stays small.
            if head > 1 << 16 && head * 2 > queue.count {
                queue.removeFirst(head)
                head = 0
            }
        }
        var last = units.count - 1
        while last > 0 && checkOf(units[last]) == checkOf(freeUnit) { last -= 1 }
        let size = max(last + 1, maxBase + codeCount)
        if size > units.count { grow(size) }
        units.removeLast(units.count - size)
        trie.units = units
        trie.count = nodeCount
        return trie
    }

    @inline(__always)
    private static func checkOf(_ unit: UInt64) -> UInt64 { unit & indexMask }
}
