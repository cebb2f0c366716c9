import Foundation
import TuiweiCore
#if canImport(Glibc)
/// glibc's `malloc_trim`, which the Glibc module does not export.
@_silgen_name("malloc_trim")
private func glibcMallocTrim(_ pad: Int) -> Int32
#endif

/// Chinese word segmentation: dictionary word graph and best path, an HMM for runs the dictionary
/// does not cover, and character classes for the Latin, digits and punctuation mixed into real text.
///
/// A `Segmenter` is an immutable value once built; `tokens(in:)` keeps its working memory per call,
/// so one value can be shared by every task of a concurrent run. Editing words (`addWord`,
/// `removeWord`, `loadUserDictionary`) makes a copy when the value is shared.
public struct Segmenter: Sendable {
    /// How to segment.
    public struct Options: Sendable {
        /// Group runs of characters the dictionary leaves single with the HMM (jieba's default).
        public var hmm: Bool = true
        /// Cut numerals and demonstratives from the measure word after them (`一 个`, `这 次`),
        /// as the Penn Chinese Treebank, PKU and Universal Dependencies standards do; false keeps
        /// the dictionary's compounds (`一个`), exactly as jieba does.
        public var separateMeasureWords: Bool = true
        public init(hmm: Bool = true, separateMeasureWords: Bool = true) {
            self.hmm = hmm
            self.separateMeasureWords = separateMeasureWords
        }
    }

    var dictionary: WordDictionary
    let model: HMMModel
    /// Whether some word contains a space, so blocks must be kept whole across single spaces.
    var spacedWords = false

    /// File name of the main dictionary inside the dictionary folder.
    public static let dictionaryFileName = "jieba-dict.txt"
    /// File name of the HMM model inside the dictionary folder.
    public static let modelFileName = "hmm-model.utf8"

    /// Loads the main dictionary and HMM model from a folder (`lexicons/dictionary`), then stacks
    /// the user dictionaries on top, in order.
    /// - Parameters:
    ///   - cacheDirectory: where the compiled dictionary is kept between runs; nil parses the text
    ///     file every time.
    /// - Throws: `Diagnostic` naming the file (and line) that could not be used.
    public static func load(
        directory: String, userDictionaries: [String] = [],
        cacheDirectory: String? = Segmenter.defaultCacheDirectory()
    ) throws -> Segmenter {
        let dictionary = try WordDictionary.load(path: directory + "/" + dictionaryFileName, cacheDirectory: cacheDirectory)
        let model = try HMMModel.load(path: directory + "/" + modelFileName)
        var segmenter = Segmenter(dictionary: dictionary, model: model)
        for path in userDictionaries { try segmenter.loadUserDictionary(at: path) }
        #if canImport(Glibc)
        // Hand the file buffers freed above back to the system: resident memory after loading
        // is then the tables themselves.
        _ = glibcMallocTrim(0)
        #endif
        return segmenter
    }

    /// `$TUIWEI_CACHE_DIR`, else `$XDG_CACHE_HOME/tuiwei`, else `~/.cache/tuiwei`.
    public static func defaultCacheDirectory() -> String { WordDictionary.defaultCacheDirectory() }

    /// Adds the words of a dictionary in jieba's format (`word [freq] [tag]`) to this one.
    /// - Returns: warnings, such as a file with no words (a user dictionary is optional).
    /// - Throws: `Diagnostic` with the file and line of the first malformed line.
    @discardableResult
    public mutating func loadUserDictionary(at path: String) throws -> [Diagnostic] {
        try addUserDictionary(bytes: try FileBytes.read(path), file: path)
    }

    /// The same for the bytes of a dictionary file already read; `file` names it in messages.
    @discardableResult
    public mutating func addUserDictionary(bytes: [UInt8], file path: String) throws -> [Diagnostic] {
        var entries: [([UInt32], Int?)] = []
        try bytes.withUnsafeBufferPointer { b in
            try DictionaryFile.parse(b, file: path) { word, frequency, _ in entries.append((word, frequency)) }
        }
        if entries.isEmpty { return [DataFile.empty(path, what: "user dictionary", need: .optional)] }
        // Scores are brought up to date once at the end, and before a word whose suggested
        // frequency needs a segmentation: a long user dictionary then costs one update, not one
        // per word.
        var stale = false
        for (word, frequency) in entries {
            if frequency == nil && stale {
                dictionary.rescore()
                stale = false
            }
            addWord(scalars: word, frequency: frequency, rescore: false)
            stale = true
        }
        if stale { dictionary.rescore() }
        return []
    }

    /// Adds `word`, or changes its frequency. Without a frequency the word gets the smallest one
    /// that makes it beat its own split into known words, as jieba's suggested frequency does.
    public mutating func addWord(_ word: String, frequency: Int? = nil) {
        addWord(scalars: Self.scalars(of: word), frequency: frequency)
    }

    /// Removes `word`: it is no longer a candidate, and the HMM may not form it either.
    public mutating func removeWord(_ word: String) {
        let scalars = Self.scalars(of: word)
        guard !scalars.isEmpty else { return }
        dictionary.setWord(scalars, frequency: 0)
    }

    /// Frequency of `word` in the dictionary, 0 when it is not a word.
    public func frequency(of word: String) -> Int {
        Int(dictionary.frequency(of: Self.scalars(of: word)).rounded())
    }

    /// Sum of all word frequencies; a word's probability is its frequency over this.
    public var totalFrequency: Double { dictionary.total }

    mutating func addWord(scalars: [UInt32], frequency: Int?, rescore: Bool = true) {
        // White space is never part of a token, so a word of nothing else could never be found.
        guard scalars.contains(where: { ScalarClass.of($0) != .space }) else { return }
        let f = frequency ?? suggestedFrequency(scalars)
        dictionary.setWord(scalars, frequency: f, rescore: rescore)
        if scalars.contains(0x20) { spacedWords = true }
    }

    static func scalars(of word: String) -> [UInt32] {
        var out: [UInt32] = []
        for u in word.unicodeScalars where ScalarClass.of(u.value) != .space || !out.isEmpty {
            out.append(TextNormaliser.width(u.value))
        }
        while let last = out.last, ScalarClass.of(last) == .space { out.removeLast() }
        return out
    }

    /// jieba's `suggest_freq`: one more than the total times the product of the probabilities of
    /// the pieces the word is cut into without the HMM, and never below its current frequency.
    func suggestedFrequency(_ word: [UInt32]) -> Int {
        var text = ""
        text.unicodeScalars.append(contentsOf: word.compactMap(Unicode.Scalar.init))
        var p = 1.0
        let scalars = Array(text.unicodeScalars)
        for t in tokens(in: text, options: Options(hmm: false, separateMeasureWords: false)) {
            let piece = scalars[t.scalarRange].map { TextNormaliser.width($0.value) }
            p *= max(dictionary.frequency(of: piece), 1) / dictionary.total
        }
        // In floating point and capped at the largest frequency a dictionary file may give, so
        // that a dictionary whose total has grown very large cannot overflow the result.
        let suggested = max((p * dictionary.total).rounded(.down) + 1, max(dictionary.frequency(of: word), 1))
        return suggested.isFinite ? Int(min(suggested, Double(Self.maxFrequency))) : Self.maxFrequency
    }

    /// The largest frequency a dictionary line may give (15 digits), and the largest suggested.
    static let maxFrequency = 999_999_999_999_999

    // MARK: - Segmenting

    /// The tokens of `text`, in order. Whitespace is never a token; every other scalar is in
    /// exactly one token.
    public func tokens(in text: String, options: Options = .init()) -> [Token] {
        var text = text
        return text.withUTF8 { tokens(utf8: $0, options: options) }
    }

    /// The words of `text` (the text of each token), in order.
    public func words(in text: String, options: Options = .init()) -> [String] {
        var text = text
        return text.withUTF8 { b in
            tokens(utf8: b, options: options).map {
                String(decoding: UnsafeBufferPointer(rebasing: b[$0.utf8Range]), as: UTF8.self)
            }
        }
    }

    /// Segments UTF-8 (bytes that are not UTF-8 become one `.other` token each).
    public func tokens(utf8 b: UnsafeBufferPointer<UInt8>, options: Options = .init()) -> [Token] {
        var out: [Token] = []
        // Roughly one token per two ideographs (three bytes each).
        out.reserveCapacity(b.count / 5 + 4)
        segmentBatches(utf8: b, options: options) { out.append(contentsOf: $0) }
        return out
    }

    /// Segments UTF-8, handing each token to `body` in order, a few dozen at a time as they are
    /// found (no array of tokens).
    public func segment(utf8 b: UnsafeBufferPointer<UInt8>, options: Options = .init(), _ body: (Token) -> Void) {
        segmentBatches(utf8: b, options: options) { for t in $0 { body(t) } }
    }

    /// Segments UTF-8, handing the tokens to `flush` a few dozen at a time, in order: for callers
    /// that copy every token out (`tuiwei segment`), one call per batch rather than per token.
    public func segmentBatches(utf8 b: UnsafeBufferPointer<UInt8>, options: Options, _ flush: (UnsafeBufferPointer<Token>) -> Void) {
        // Long texts go in pieces of about 64 KB cut at whitespace or after a full stop, where no
        // word can span the cut, so working memory stays small whatever the input.
        let limit = 1 << 16
        var start = 0
        var scalarBase = 0
        while start < b.count {
            var end = b.count
            if end - start > limit {
                end = start + limit
                var cut = -1
                var k = end
                while k > start + limit / 2 {
                    k -= 1
                    let c = b[k]
                    if c == 0x0A || c == 0x20 || c == 0x09 { cut = k + 1; break }
                    // 。！？ end a sentence: E3 80 82, EF BC 81, EF BC 9F.
                    if k >= start + 2 && ((b[k - 2] == 0xE3 && b[k - 1] == 0x80 && c == 0x82)
                        || (b[k - 2] == 0xEF && b[k - 1] == 0xBC && (c == 0x81 || c == 0x9F))) {
                        cut = k + 1
                        break
                    }
                }
                if cut < 0 {
                    // 32 KB without a space or full stop (a dump of digits or letters): cut
                    // between two scalars, which may split that one run in two.
                    cut = start + limit
                    while cut > start + 1 && b[cut] & 0xC0 == 0x80 { cut -= 1 }
                }
                end = cut
            }
            scalarBase += segmentPiece(UnsafeBufferPointer(rebasing: b[start..<end]), byteBase: start, scalarBase: scalarBase,
                                       options: options, flush)
            start = end
        }
    }

    /// Decodes UTF-8 into scalars (full-width ASCII folded), their classes, trie codes and byte
    /// offsets; returns the number of scalars. A function of its own so that its few pointers
    /// stay in registers.
    @inline(never)
    private static func decode(
        _ b: UnsafeBufferPointer<UInt8>, codeTable: UnsafeBufferPointer<UInt32>, wideCodes: UnsafeBufferPointer<UInt64>,
        scalars sc: UnsafeMutableBufferPointer<UInt32>, classes cl: UnsafeMutableBufferPointer<ScalarClass>,
        codes cd: UnsafeMutableBufferPointer<UInt32>, offsets of: UnsafeMutableBufferPointer<Int32>
    ) -> Int {
        let n8 = b.count
        var n = 0
        var bi = 0
        while bi < n8 {
            let i = bi
            let c = UInt32(b[i])
            var v: UInt32
            var len: Int
            if c < 0x80 {
                v = c; len = 1
            } else if c & 0xF0 == 0xE0 && i &+ 2 < n8 {
                // Three bytes, as nearly every ideograph: tested first.
                v = (c & 0x0F) << 12 | (UInt32(b[i &+ 1]) & 0x3F) << 6 | UInt32(b[i &+ 2]) & 0x3F; len = 3
            } else if c >= 0xC2 && c < 0xE0 && i + 1 < n8 {
                v = (c & 0x1F) << 6 | UInt32(b[i + 1]) & 0x3F; len = 2
            } else if c >= 0xF0 && c < 0xF5 && i + 3 < n8 {
                v = (c & 0x07) << 18 | (UInt32(b[i + 1]) & 0x3F) << 12 | (UInt32(b[i + 2]) & 0x3F) << 6
                    | UInt32(b[i + 3]) & 0x3F
                len = 4
            } else {
                // Not UTF-8 (a `String` never holds this): one replacement character per byte.
                v = 0xFFFD; len = 1
            }
            // One load gives the class and the trie code of the (folded) scalar.
            if v < UInt32(DictionaryTrie.codeTableSize) {
                let t = codeTable[Int(v)]
                cl[n] = unsafeBitCast(UInt8(truncatingIfNeeded: t >> DictionaryTrie.classShift), to: ScalarClass.self)
                cd[n] = t & DictionaryTrie.codeMask
            } else {
                cl[n] = ScalarClass.of(v)
                cd[n] = DictionaryTrie.wideCode(v, in: wideCodes)
            }
            sc[n] = TextNormaliser.width(v)
            of[n] = Int32(truncatingIfNeeded: i)
            bi &+= len
            n &+= 1
        }
        return n
    }

    /// Segments one piece of the input; token offsets are shifted by the bases. Returns the
    /// number of scalars in the piece.
    private func segmentPiece(
        _ b: UnsafeBufferPointer<UInt8>, byteBase: Int, scalarBase: Int, options: Options,
        _ flush: (UnsafeBufferPointer<Token>) -> Void
    ) -> Int {
        let n8 = b.count
        if n8 == 0 { return 0 }
        // Tokens are staged in a small buffer on the stack and handed over in batches: one
        // append of many is cheaper than many appends. 24 tokens keep it within 1 KB.
        return withUnsafeTemporaryAllocation(of: Token.self, capacity: 24) { stage in
            var staged = 0
            defer { if staged > 0 { flush(UnsafeBufferPointer(rebasing: stage[0..<staged])) } }
            return segmentPiece(b, byteBase: byteBase, scalarBase: scalarBase, options: options) { token in
                stage.initializeElement(at: staged, to: token)
                staged += 1
                if staged == stage.count {
                    flush(UnsafeBufferPointer(stage))
                    stage.deinitialize()
                    staged = 0
                }
            }
        }
    }

    /// The segmentation of one piece, handing each token to `body`.
    private func segmentPiece(
        _ b: UnsafeBufferPointer<UInt8>, byteBase: Int, scalarBase: Int, options: Options, _ body: (Token) -> Void
    ) -> Int {
        let n8 = b.count
        // All working memory is per call (on the stack when the text is short): scalars with
        // full-width ASCII folded, their classes, byte offsets, the word-graph arrays, and the
        // scalars' trie codes.
        return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: n8) { sc in
        withUnsafeTemporaryAllocation(of: ScalarClass.self, capacity: n8) { cl in
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: n8 + 1) { of in
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: n8 + 1) { ue in
        withUnsafeTemporaryAllocation(of: Double.self, capacity: n8 + 1) { rt in
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: n8 + 1) { nx in
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: n8) { cd in
        dictionary.trie.units.withUnsafeBufferPointer { units in
        dictionary.trie.weights.withUnsafeBufferPointer { weights in
        dictionary.scores.withUnsafeBufferPointer { scores in
        dictionary.trie.codeTable.withUnsafeBufferPointer { codeTable in
        dictionary.trie.wideCodes.withUnsafeBufferPointer { wideCodes in
        MeasureWords.starts.withUnsafeBufferPointer { starts in
            let graph = WordGraph(units: units, weights: weights, scores: scores, dictionary.logTotal)
            let n = Self.decode(b, codeTable: codeTable, wideCodes: wideCodes, scalars: sc, classes: cl, codes: cd, offsets: of)
            of[n] = Int32(n8)
            let s = UnsafeBufferPointer(sc), cls = UnsafeBufferPointer(cl), off = UnsafeBufferPointer(of)
            let codes = UnsafeBufferPointer(cd)
            @inline(__always) func emit(_ p: Int, _ q: Int, _ kind: TokenKind) {
                body(Token(scalarRange: Range(uncheckedBounds: (scalarBase &+ p, scalarBase &+ q)),
                           utf8Range: Range(uncheckedBounds: (byteBase &+ Int(off[p]), byteBase &+ Int(off[q]))), kind: kind))
            }
            func emitWord(_ p: Int, _ q: Int) {
                if options.separateMeasureWords, q - p >= 2, let cut = MeasureWords.split(s, p, q, starts: starts) {
                    emit(p, cut, .word)
                    emit(cut, q, .word)
                } else {
                    emit(p, q, .word)
                }
            }
            func kind(_ p: Int, _ q: Int) -> TokenKind {
                var letter = false
                for k in p..<q {
                    if cls[k] == .han { return .word }
                    if cls[k] == .letter { letter = true }
                }
                return letter ? .latin : .number
            }
            /// A run of single ideographs the best path left: the HMM groups it unless the span
            /// it is part of is itself a dictionary word (then the dictionary meant single
            /// characters).
            func flush(_ p: Int, _ q: Int, _ spanIsWord: Bool) {
                if q - p == 1 || !options.hmm || spanIsWord {
                    for k in p..<q { emit(k, k + 1, .word) }
                    return
                }
                model.cut(UnsafeBufferPointer(rebasing: s[p..<q])) { x, y in
                    if y - x > 1 && graph.weight(codes, p + x, p + y) == DictionaryTrie.removed {
                        for k in (p + x)..<(p + y) { emit(k, k + 1, .word) }
                    } else {
                        emitWord(p + x, p + y)
                    }
                }
            }
            /// End of the alphanumeric run starting at `j`: letters and digits, a decimal point or
            /// thousands separator between digits, and a percent sign after digits.
            func alnumEnd(_ j: Int) -> Int {
                var k = j + 1
                while k < n {
                    let c = cls[k]
                    if c == .letter || c == .digit { k += 1; continue }
                    let v = s[k]
                    if cls[k - 1] == .digit {
                        if v == 0x25 { k += 1; break }
                        if k + 1 < n && cls[k + 1] == .digit {
                            if v == 0x2E { k += 1; continue }
                            if v == 0x2C && k + 3 < n && cls[k + 2] == .digit && cls[k + 3] == .digit
                                && (k + 4 >= n || cls[k + 4] != .digit) && off[k + 1] - off[k] == 1 {
                                k += 1; continue
                            }
                        }
                    }
                    break
                }
                return k
            }
            var i = 0
            while i < n {
                switch cls[i] {
                case .space:
                    i += 1
                case .punctuation:
                    var j = i + 1
                    if punctuationRepeats(s[i]) { while j < n && s[j] == s[i] && cls[j] == .punctuation { j += 1 } }
                    emit(i, j, .punctuation)
                    i = j
                case .other:
                    emit(i, i + 1, .other)
                    i += 1
                case .han, .letter, .digit:
                    // A block: ideographs and alphanumeric runs, up to space or punctuation.
                    var j = i
                    var units = 0
                    while j < n {
                        let c = cls[j]
                        // Each unit's end goes in `ue` as the block is scanned (0 inside a run); `ue`,
                        // `rt` and `nx` are indexed by position in the piece.
                        if c == .han {
                            ue[j] = Int32(truncatingIfNeeded: j &+ 1)
                            j &+= 1
                        } else if c == .letter || c == .digit {
                            let e = alnumEnd(j)
                            ue[j] = Int32(e)
                            for m in (j + 1)..<e { ue[m] = 0 }
                            j = e
                        } else if spacedWords && s[j] == 0x20 && j + 1 < n
                                    && (cls[j + 1] == .han || cls[j + 1] == .letter || cls[j + 1] == .digit) {
                            // A single space may sit inside a user word (`New York`): keep the
                            // block whole and let the word graph decide.
                            ue[j] = Int32(j + 1)
                            j += 1
                        } else { break }
                        units += 1
                    }
                    if units == 1 && cls[i] != .han {
                        emit(i, j, kind(i, j))
                        i = j
                        continue
                    }
                    do {
                        graph.bestPath(s, codes, i, j, unitEnd: ue, route: rt, next: nx)
                        var p = i
                        while p < j {
                            var q = Int(nx[p])
                            // A span of single ideographs and alphanumeric runs the path took
                            // whole, as jieba collects them for its HMM.
                            if q - p == 1 && cls[p] == .space {
                                // A space no word took: not a token.
                                p = q
                                continue
                            }
                            if !(q - p == 1 && cls[p] == .han) && !(cls[p] != .han && ue[p] == Int32(q)) {
                                let k = kind(p, q)
                                if k == .word { emitWord(p, q) } else { emit(p, q, k) }
                                p = q
                                continue
                            }
                            let spanStart = p
                            while q < j {
                                let r = Int(nx[q])
                                if (r - q == 1 && cls[q] == .han) || (cls[q] != .han && cls[q] != .space && ue[q] == Int32(r)) {
                                    q = r
                                } else { break }
                            }
                            let spanIsWord = q - spanStart > 1 && graph.weight(codes, spanStart, q) >= 0
                            var single = -1
                            while p < q {
                                let r = Int(nx[p])
                                if cls[p] == .han {
                                    if single < 0 { single = p }
                                } else {
                                    if single >= 0 { flush(single, p, spanIsWord); single = -1 }
                                    emit(p, r, kind(p, r))
                                }
                                p = r
                            }
                            if single >= 0 { flush(single, q, spanIsWord) }
                        }
                    }
                    i = j
                }
            }
            return n
        }
        }
        }
        }
        }
        }
        }
        }
        }
        }
        }
        }
        }
    }
}
