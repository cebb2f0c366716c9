/// Word-span precision, recall and F1 against a gold segmentation (the SIGHAN bakeoff convention:
/// a word counts as right when both its ends match a gold word's ends).
public struct SegmentationScore: Sendable, Hashable, Codable {
    public var wordsGold = 0
    public var wordsOut = 0
    public var correct = 0
    public var sentences = 0

    public init() {}

    public var precision: Double { wordsOut == 0 ? 0 : Double(correct) / Double(wordsOut) }
    public var recall: Double { wordsGold == 0 ? 0 : Double(correct) / Double(wordsGold) }
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

    /// Adds one sentence: `gold` words as the gold file has them, `output` the segmenter's words.
    public mutating func add<G: Sequence, O: Sequence>(gold: G, output: O) where G.Element: StringProtocol, O.Element: StringProtocol {
        func spans<S: Sequence>(_ words: S) -> Set<Range<Int>> where S.Element: StringProtocol {
            var out = Set<Range<Int>>()
            var at = 0
            for w in words {
                let n = w.unicodeScalars.count
                out.insert(at..<(at + n))
                at += n
            }
            return out
        }
        let g = spans(gold), o = spans(output)
        wordsGold += g.count
        wordsOut += o.count
        correct += g.intersection(o).count
        sentences += 1
    }
}

extension Segmenter {
    /// Scores this segmenter on a gold file's text: one sentence per line, words separated by
    /// whitespace. Each sentence is segmented with its spaces removed.
    public func evaluate(goldText: String, options: Options = .init()) -> SegmentationScore {
        var score = SegmentationScore()
        for line in goldText.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let gold = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{3000}" || $0 == "\r" })
            if gold.isEmpty { continue }
            score.add(gold: gold, output: words(in: gold.joined(), options: options))
        }
        return score
    }
}
