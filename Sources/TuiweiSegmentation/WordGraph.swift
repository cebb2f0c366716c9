/// The dictionary stage over one block of ideographs and alphanumeric runs: every dictionary
/// word starting at each position is a candidate edge of a word graph, and the best path is the
/// one with the greatest product of word probabilities, found right to left by dynamic programming.
///
/// An alphanumeric run (`AK47`, `3.5`) is one unit: a dictionary word may start or end at its edges
/// (`B超`, `卡拉OK`) but never inside it, and a run no word covers is one token.
struct WordGraph {
    let slots: UnsafeBufferPointer<DictionaryTrie.Slot>
    let rootTable: UnsafeBufferPointer<UInt32>
    let bits: Int
    let logTotal: Double

    @inline(__always)
    func child(_ parent: UInt32, _ scalar: UInt32) -> UInt32 {
        if parent == DictionaryTrie.root && scalar < UInt32(DictionaryTrie.rootTableSize) {
            return rootTable[Int(scalar)]
        }
        let key = DictionaryTrie.key(parent, scalar)
        let mask = slots.count - 1
        var i = DictionaryTrie.home(key, bits: bits)
        while true {
            let k = slots[i].key
            if k == key { return UInt32(i + 1) }
            if k == 0 { return 0 }
            i = (i + 1) & mask
        }
    }

    /// Weight of the word `s[from..<to]`, or `notWord`.
    @inline(__always)
    func weight(_ s: UnsafeBufferPointer<UInt32>, _ from: Int, _ to: Int) -> Float {
        var node = DictionaryTrie.root
        for k in from..<to {
            node = child(node, s[k])
            if node == 0 { return DictionaryTrie.notWord }
        }
        return node == DictionaryTrie.root ? DictionaryTrie.notWord : slots[Int(node) - 1].weight
    }

    /// Fills `next[p - a]` with the end (exclusive) of the word the best path takes at `p`, for
    /// each unit start `p` in `a..<e`. `unitEnd[p - a]` is the end of the unit starting at `p`, or
    /// 0 inside an alphanumeric run. `route` needs `e - a + 1` places.
    func bestPath(
        _ s: UnsafeBufferPointer<UInt32>, _ a: Int, _ e: Int,
        unitEnd: UnsafeMutableBufferPointer<Int32>, route: UnsafeMutableBufferPointer<Double>,
        next: UnsafeMutableBufferPointer<Int32>
    ) {
        route[e - a] = 0
        var p = e - 1
        while p >= a {
            let ue = Int(unitEnd[p - a])
            if ue == 0 {
                p -= 1
                continue
            }
            var best = -Double.infinity
            var bestEnd = 0
            var node = DictionaryTrie.root
            var q = p
            while q < e {
                node = child(node, s[q])
                if node == 0 { break }
                let slot = slots[Int(node) - 1]
                // A word may only end where a unit ends.
                if slot.weight >= 0 && (q + 1 == e || unitEnd[q + 1 - a] != 0) {
                    let score = Double(slot.weight) - logTotal + route[q + 1 - a]
                    if score >= best {
                        best = score
                        bestEnd = q + 1
                    }
                }
                if slot.hasChildren == 0 { break }
                q += 1
            }
            if bestEnd == 0 {
                // Not in the dictionary: the unit alone, with frequency 1.
                best = -logTotal + route[ue - a]
                bestEnd = ue
            }
            route[p - a] = best
            next[p - a] = Int32(bestEnd)
            p -= 1
        }
    }
}
