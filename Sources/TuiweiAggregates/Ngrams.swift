import TuiweiCore
import TuiweiScoring

/// Word n-grams that do not cross punctuation, neither begin nor end with a stop word (so that
/// 的 and 在 do not make phrases match) and hold at least one word of two or more characters,
/// joined without spaces.
public func wordNgrams(_ words: [String], n: Int, stopWords: Set<String>) -> [String] {
    wordNgrams(words, n: n, isStopWord: stopWords.contains)
}

/// `wordNgrams(_:n:stopWords:)` with the stop words looked up by their bytes.
public func wordNgrams(_ words: [String], n: Int, stopWords: WordSet) -> [String] {
    wordNgrams(words, n: n, isStopWord: stopWords.contains)
}

/// How many phrases `wordNgrams(_:n:stopWords:)` gives, without making them.
public func wordNgramCount(_ words: [String], n: Int, stopWords: WordSet) -> Int {
    var count = 0
    forEachWordNgram(words, n: n, isStopWord: stopWords.contains) { _ in count += 1 }
    return count
}

private func wordNgrams(_ words: [String], n: Int, isStopWord: (String) -> Bool) -> [String] {
    var out: [String] = []
    forEachWordNgram(words, n: n, isStopWord: isStopWord) { phrase in
        var joined = ""
        joined.reserveCapacity(phrase.reduce(0) { $0 + $1.utf8.count })
        for w in phrase { joined += w }
        out.append(joined)
    }
    return out
}

/// The one rule for the phrases: each phrase's words, in order.
private func forEachWordNgram(_ words: [String], n: Int, isStopWord: (String) -> Bool, _ body: (ArraySlice<String>) -> Void) {
    var run: [String] = []
    // Per word of a run: whether it is a stop word, and whether it has two or more characters.
    // Worked out once per word rather than once per phrase the word is in.
    var stop: [Bool] = [], long: [Bool] = []
    func flush() {
        if run.count >= n {
            stop.removeAll(keepingCapacity: true)
            long.removeAll(keepingCapacity: true)
            for w in run {
                stop.append(isStopWord(w))
                long.append(w.unicodeScalars.count > 1)
            }
            // A phrase of single characters (一 个, 个 人) is grammar, not a set phrase.
            for i in 0...(run.count - n) where !stop[i] && !stop[i + n - 1] && long[i..<(i + n)].contains(true) {
                body(run[i..<(i + n)])
            }
        }
        run.removeAll(keepingCapacity: true)
    }
    for w in words {
        if w.utf8.allSatisfy({ $0 == 0x20 }) { continue }  // empty, or spaces only
        if isPunctuationWord(w) { flush() } else { run.append(w) }
    }
    flush()
}
