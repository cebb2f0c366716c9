/// A set of words that answers `contains` exactly as a `Set<String>` would, but looks up the
/// common words by their UTF-8 bytes.
///
/// Swift hashes and compares non-ASCII strings through their NFC form, normalising on the fly,
/// and scoring looks up every word of every turn. Two plain words (`Utf8Word.isPlain`: ASCII,
/// CJK ideographs, CJK and full-width punctuation, all in NFC and composing with nothing) are
/// canonically equivalent exactly when their bytes are equal, so those are hashed and compared as
/// bytes. Any other word, and any member that is not plain, goes through `String` equality.
struct WordSet: Sendable {
    /// The plain members, keyed by their bytes.
    private let plain: Set<Utf8Word>
    /// The other members.
    private let others: Set<String>
    /// Every member, for words that are not plain.
    private let all: Set<String>

    init(_ words: some Sequence<String>) {
        let all = Set(words)
        self.all = all
        plain = Set(all.lazy.filter(Utf8Word.isPlain).map(Utf8Word.init))
        others = all.filter { !Utf8Word.isPlain($0) }
    }

    func contains(_ word: String) -> Bool {
        guard Utf8Word.isPlain(word) else { return all.contains(word) }
        return plain.contains(Utf8Word(word)) || (!others.isEmpty && others.contains(word))
    }
}

/// The distinct content words of a question, matched against the answer's words as a
/// `Set<String>` would match them: by bytes when the words on both sides are all plain, as
/// they nearly always are, and as strings otherwise.
struct AskedWords: Sendable {
    private enum Words: Sendable {
        case plain(Set<Utf8Word>)
        case strings(Set<String>)
    }
    private let words: Words

    init(_ question: [String], answer: [String]) {
        if question.allSatisfy(Utf8Word.isPlain) && answer.allSatisfy(Utf8Word.isPlain) {
            words = .plain(Set(question.map(Utf8Word.init)))
        } else {
            words = .strings(Set(question))
        }
    }

    /// Distinct words of the question.
    var count: Int {
        switch words {
        case .plain(let set): set.count
        case .strings(let set): set.count
        }
    }

    var isEmpty: Bool { count == 0 }

    /// Whether the question has `word`, one of the answer's words.
    func contains(_ word: String) -> Bool {
        switch words {
        case .plain(let set): set.contains(Utf8Word(word))
        case .strings(let set): set.contains(word)
        }
    }

    /// The distinct words of `answer` (the answer's words) that the question has, in no
    /// particular order: `Set(question).intersection(answer)`.
    func shared(with answer: [String]) -> [String] {
        switch words {
        case .plain(let set):
            var seen: Set<Utf8Word> = []
            return answer.filter { set.contains(Utf8Word($0)) && seen.insert(Utf8Word($0)).inserted }
        case .strings(let set):
            return Array(set.intersection(answer))
        }
    }
}

/// A string hashed and compared by its UTF-8 bytes. For plain words (`isPlain`) that is the
/// same equality as `String`'s.
struct Utf8Word: Hashable, Sendable {
    let text: String

    init(_ text: String) { self.text = text }

    static func == (a: Utf8Word, b: Utf8Word) -> Bool {
        let x = a.text.utf8, y = b.text.utf8
        guard x.count == y.count else { return false }
        let contiguous = x.withContiguousStorageIfAvailable { p in
            y.withContiguousStorageIfAvailable { q in p.elementsEqual(q) }
        }
        if let contiguous, let equal = contiguous { return equal }
        return x.elementsEqual(y)
    }

    func hash(into hasher: inout Hasher) {
        if text.utf8.withContiguousStorageIfAvailable({ hasher.combine(bytes: UnsafeRawBufferPointer($0)) }) != nil { return }
        // A bridged string: hashed from a native copy, so that equal words hash alike.
        var native = text
        native.makeContiguousUTF8()
        _ = native.utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Whether every scalar of `word` is plain (`isPlain(scalar:)`): such words are equal as
    /// strings exactly when their bytes are.
    static func isPlain(_ word: String) -> Bool {
        word.utf8.withContiguousStorageIfAvailable(isPlain(utf8:))
            ?? word.unicodeScalars.allSatisfy { isPlain(scalar: $0.value) }
    }

    /// `isPlain(_:)` over valid UTF-8, decoded in place.
    static func isPlain(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 {
                i += 1
                continue
            }
            // Every plain scalar above ASCII is in U+0800–U+FFFF: three bytes.
            guard b & 0xF0 == 0xE0, i + 2 < bytes.count else { return false }
            let v = UInt32(b & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
            guard isPlain(scalar: v) else { return false }
            i += 3
        }
        return true
    }

    /// Scalars that are in NFC, have no canonical decomposition and compose with nothing.
    static func isPlain(scalar v: UInt32) -> Bool {
        switch v {
        case 0x00...0x7F,          // ASCII
             0x2010...0x2027,      // dashes, quotation marks, ellipsis
             0x3000...0x3029,      // CJK punctuation (without the combining tone marks 302A–302F)
             0x3030...0x303F,
             0x3400...0x4DBF,      // CJK ideographs, extension A
             0x4E00...0x9FFF,      // CJK unified ideographs
             0xFF01...0xFF5E:      // full-width ASCII
            true
        default:
            false
        }
    }
}
