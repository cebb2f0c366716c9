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
        joined.reserveCapacity(phrase.reduce(0) { $0 + words[$1].utf8.count })
        for i in phrase { joined += words[i] }
        out.append(joined)
    }
    return out
}

/// The one rule for the phrases: each phrase as the indices of its words in `words`.
private func forEachWordNgram(_ words: [String], n: Int, isStopWord: (String) -> Bool, _ body: (ArraySlice<Int>) -> Void) {
    guard n > 0, words.count >= n else { return }
    // The current run of words between punctuation; for a run long enough to hold a phrase, per
    // word whether it is a stop word and whether it has two or more characters, worked out once
    // per word rather than once per phrase the word is in.
    var run: [Int] = [], stop: [Bool] = [], long: [Bool] = []
    run.reserveCapacity(words.count)
    func flush() {
        if run.count >= n {
            stop.removeAll(keepingCapacity: true)
            long.removeAll(keepingCapacity: true)
            for i in run {
                stop.append(isStopWord(words[i]))
                long.append(hasTwoScalars(words[i]))
            }
            // A phrase of single characters (一 个, 个 人) is grammar, not a set phrase.
            for i in 0...(run.count - n) where !stop[i] && !stop[i + n - 1] && long[i..<(i + n)].contains(true) {
                body(run[i..<(i + n)])
            }
        }
        run.removeAll(keepingCapacity: true)
    }
    for (i, w) in words.enumerated() {
        if w.utf8.allSatisfy({ $0 == 0x20 }) { continue }  // empty, or spaces only
        if isPunctuationWord(w) { flush(); continue }
        run.append(i)
    }
    flush()
}

/// Whether `w` has more than one Unicode scalar, without counting them all.
private func hasTwoScalars(_ w: String) -> Bool {
    var it = w.unicodeScalars.makeIterator()
    return it.next() != nil && it.next() != nil
}
