import TuiweiCore

/// A set of words that answers `contains` exactly as a `Set<String>` would, but looks up the
/// common words by their UTF-8 bytes.
///
/// Swift hashes and compares non-ASCII strings through their NFC form, normalising on the fly,
/// and scoring looks up every word of every turn. Two plain words (`UTF8Key.isPlain`: ASCII,
/// CJK ideographs, CJK and full-width punctuation, all in NFC and composing with nothing) are
/// canonically equivalent exactly when their bytes are equal, so those are hashed and compared as
/// bytes. Any other word, and any member that is not plain, goes through `String` equality.
public struct WordSet: Sendable {
    /// The plain members, keyed by their bytes.
    private let plain: Set<UTF8Key>
    /// The other members.
    private let others: Set<String>
    /// Every member, for words that are not plain.
    private let all: Set<String>

    public init(_ words: some Sequence<String>) {
        let all = Set(words)
        self.all = all
        plain = Set(all.lazy.filter(UTF8Key.isPlain).map(UTF8Key.init))
        others = all.filter { !UTF8Key.isPlain($0) }
    }

    public func contains(_ word: String) -> Bool {
        guard UTF8Key.isPlain(word) else { return all.contains(word) }
        return plain.contains(UTF8Key(word)) || (!others.isEmpty && others.contains(word))
    }
}

/// The distinct content words of a question, matched against the answer's words as a
/// `Set<String>` would match them: by bytes when the words on both sides are all plain, as
/// they nearly always are, and as strings otherwise.
struct AskedWords: Sendable {
    private enum Words: Sendable {
        case plain(Set<UTF8Key>)
        case strings(Set<String>)
    }
    private let words: Words

    init(_ question: [String], answer: [String]) {
        if question.allSatisfy(UTF8Key.isPlain) && answer.allSatisfy(UTF8Key.isPlain) {
            words = .plain(Set(question.map(UTF8Key.init)))
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
        case .plain(let set): set.contains(UTF8Key(word))
        case .strings(let set): set.contains(word)
        }
    }

    /// The distinct words of `answer` (the answer's words) that the question has, in no
    /// particular order: `Set(question).intersection(answer)`.
    func shared(with answer: [String]) -> [String] {
        switch words {
        case .plain(let set):
            var seen: Set<UTF8Key> = []
            return answer.filter { set.contains(UTF8Key($0)) && seen.insert(UTF8Key($0)).inserted }
        case .strings(let set):
            return Array(set.intersection(answer))
        }
    }
}
