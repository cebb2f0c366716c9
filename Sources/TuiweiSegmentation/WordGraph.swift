/// The dictionary stage over one block of ideographs and alphanumeric runs: every dictionary
/// word starting at each position is a candidate edge of a word graph, and the best path is the
/// one with the greatest product of word probabilities, found right to left by dynamic programming.
///
/// An alphanumeric run (`AK47`, `3.5`) is one unit: a dictionary word may start or end at its edges
/// (`B超`, `卡拉OK`) but never inside it, and a run no word covers is one token.
///
/// Lookups take the trie codes of the text's scalars, found once per scalar, so each step down the
/// trie is a single load.
struct WordGraph {
    let units: UnsafeBufferPointer<UInt64>
    let weights: UnsafeBufferPointer<Float>
    /// `WordDictionary.scores`: a word's log probability by weight index, NaN for non-words.
    let scores: UnsafeBufferPointer<Double>
    let logTotal: Double

    init(units: UnsafeBufferPointer<UInt64>, weights: UnsafeBufferPointer<Float>, scores: UnsafeBufferPointer<Double>, _ logTotal: Double) {
        self.units = units
        self.weights = weights
        self.scores = scores
        self.logTotal = logTotal
    }

    /// Weight of the word whose codes are `c[from..<to]`, or `notWord`.
    func weight(_ c: UnsafeBufferPointer<UInt32>, _ from: Int, _ to: Int) -> Float {
        var node = Int(c[from])
        var unit = units[node]
        if node == 0 || DictionaryTrie.check(unit) != DictionaryTrie.root { return DictionaryTrie.notWord }
        for k in (from + 1)..<to {
            let b = DictionaryTrie.base(unit)
            if b == 0 { return DictionaryTrie.notWord }
            let t = b + Int(c[k])
            unit = units[t]
            if DictionaryTrie.check(unit) != node { return DictionaryTrie.notWord }
            node = t
        }
        return weights[DictionaryTrie.weightIndex(of: unit)]
    }

    /// Fills `next[p]` with the end (exclusive) of the word the best path takes at `p`, for each
    /// unit start `p` in `a..<e`. `c` holds the trie codes of the scalars `s`. `unitEnd[p]` is the
    /// end of the unit starting at `p`, or 0 inside an alphanumeric run. All are indexed by text
    /// position; `route` needs `e + 1` places.
    @inline(never)
    func bestPath(
        _ s: UnsafeBufferPointer<UInt32>, _ c: UnsafeBufferPointer<UInt32>, _ a: Int, _ e: Int,
        unitEnd: UnsafeMutableBufferPointer<Int32>, route: UnsafeMutableBufferPointer<Double>,
        next: UnsafeMutableBufferPointer<Int32>
    ) {
        let ends = unitEnd.baseAddress!, rt = route.baseAddress!, nx = next.baseAddress!
        let units = self.units.baseAddress!, scores = self.scores.baseAddress!, c = c.baseAddress!
        rt[e] = 0
        var p = e &- 1
        while p >= a {
            let ue = Int(ends[p])
            if ue == 0 {
                // Inside an alphanumeric run no word may end: NaN makes every score through here
                // compare false.
                rt[p] = .nan
                p &-= 1
                continue
            }
            var best = -Double.infinity
            var bestEnd = 0
            // The root's base is 0: its child is the unit at the code (the root itself for code 0,
            // whose check never names the root).
            var node = Int(c[p])
            var unit = units[node]
            if DictionaryTrie.check(unit) == DictionaryTrie.root {
                var q = p
                while true {
                    // A word (not a bare prefix or a removed word, whose scores are NaN) may only
                    // end where a unit ends (route is NaN elsewhere; the end of the block is 0).
                    // Ties go to the longer word, as in jieba. Written without branches: which
                    // candidates win is unpredictable.
                    q &+= 1
                    let score = scores[DictionaryTrie.weightIndex(of: unit)] + rt[q]
                    let better = score >= best
                    best = better ? score : best
                    bestEnd = better ? q : bestEnd
                    let b = DictionaryTrie.base(unit)
                    if b == 0 || q == e { break }
                    let t = b &+ Int(c[q])
                    unit = units[t]
                    if DictionaryTrie.check(unit) != node { break }
                    node = t
                }
            }
            if bestEnd == 0 {
                // Not in the dictionary: the unit alone, with frequency 1; a space inside a
                // block (there only for words that contain one) costs nothing.
                best = (s[p] == 0x20 ? 0 : -logTotal) + rt[ue]
                bestEnd = ue
            }
            rt[p] = best
            nx[p] = Int32(truncatingIfNeeded: bestEnd)
            p &-= 1
        }
    }
}
