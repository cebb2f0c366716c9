/// The dictionary stage over one block of ideographs and alphanumeric runs: every dictionary
/// word starting at each position is a candidate edge of a word graph, and the best path is the
/// one with the greatest product of word probabilities, found right to left by dynamic programming.
///
/// An alphanumeric run (`AK47`, `3.5`) is one unit: a dictionary word may start or end at its edges
/// (`B超`, `卡拉OK`) but never inside it, and a run no word covers is one token.
struct WordGraph {
    let slots: UnsafeBufferPointer<UInt64>
    let weights: UnsafeBufferPointer<Float>
    let rootTable: UnsafeBufferPointer<UInt64>
    let pairFilter: UnsafeBufferPointer<UInt64>
    let hot: UnsafeBufferPointer<UInt64>
    let bits: Int
    let logTotal: Double

    /// The entry (flags, weight index, node id) of `parent`'s child labelled `scalar`, or 0.
    @inline(__always)
    func child(_ parent: UInt32, _ scalar: UInt32) -> UInt64 {
        if parent == DictionaryTrie.root && scalar < UInt32(DictionaryTrie.rootTableSize) {
            return rootTable[Int(scalar)]
        }
        let key = DictionaryTrie.key(parent, scalar)
        let h = DictionaryTrie.hotIndex(key)
        if hot[h] == key { return hot[h + 1] }
        let mask = slots.count - 1
        var i = DictionaryTrie.home(key, bits: bits)
        while true {
            let k = slots[i]
            if k & DictionaryTrie.keyMask == key { return DictionaryTrie.entry(slot: k, node: UInt32(i + 1)) }
            if k == 0 { return 0 }
            i = (i + 1) & mask
        }
    }

    /// False when no word starts with the scalars `a`, `b`.
    @inline(__always)
    func mayPair(_ a: UInt32, _ b: UInt32) -> Bool {
        let bit = DictionaryTrie.pairBit(a, b)
        return pairFilter[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }

    /// Weight of the word `s[from..<to]`, or `notWord`.
    @inline(__always)
    func weight(_ s: UnsafeBufferPointer<UInt32>, _ from: Int, _ to: Int) -> Float {
        var entry: UInt64 = 0
        var node = DictionaryTrie.root
        for k in from..<to {
            entry = child(node, s[k])
            if entry == 0 { return DictionaryTrie.notWord }
            node = UInt32(truncatingIfNeeded: entry & 0xFFFF_FFFF)
        }
        return entry == 0 ? DictionaryTrie.notWord : weights[DictionaryTrie.weightIndex(of: entry)]
    }

    /// Fills `next[p - a]` with the end (exclusive) of the word the best path takes at `p`, for
    /// each unit start `p` in `a..<e`. `unitEnd[p - a]` is the end of the unit starting at `p`, or
    /// 0 inside an alphanumeric run; `unitEnd` and `route` need `e - a + 1` places.
    func bestPath(
        _ s: UnsafeBufferPointer<UInt32>, _ a: Int, _ e: Int,
        unitEnd: UnsafeMutableBufferPointer<Int32>, route: UnsafeMutableBufferPointer<Double>,
        next: UnsafeMutableBufferPointer<Int32>
    ) {
        route[e - a] = 0
        unitEnd[e - a] = Int32(e)
        var p = e - 1
        while p >= a {
            let ue = Int(unitEnd[p - a])
            if ue == 0 {
                p -= 1
                continue
            }
            var best = -Double.infinity
            var bestEnd = 0
            var entry = child(DictionaryTrie.root, s[p])
            var q = p
            while entry != 0 {
                let w = weights[DictionaryTrie.weightIndex(of: entry)]
                // A word (weight ≥ 0, not a bare prefix) may only end where a unit ends
                // (`unitEnd[e - a]` is set for the end of the block). Ties go to the longer word,
                // as in jieba. Written without branches: which candidates win is unpredictable.
                let score = Double(w) - logTotal + route[q + 1 - a]
                let better = (w >= 0) && (unitEnd[q + 1 - a] != 0) && (score >= best)
                best = better ? score : best
                bestEnd = better ? q + 1 : bestEnd
                q += 1
                if entry & DictionaryTrie.hasChildren == 0 || q == e { break }
                if q == p + 1 && !mayPair(s[p], s[q]) { break }
                entry = child(UInt32(truncatingIfNeeded: entry & 0xFFFF_FFFF), s[q])
            }
            if bestEnd == 0 {
                // Not in the dictionary: the unit alone, with frequency 1; a space inside a
                // block (there only for words that contain one) costs nothing.
                best = (s[p] == 0x20 ? 0 : -logTotal) + route[ue - a]
                bestEnd = ue
            }
            route[p - a] = best
            next[p - a] = Int32(bestEnd)
            p -= 1
        }
    }
}
