import Foundation
import TuiweiCore
@testable import TuiweiLexicon

/// The shipped lexicons, compiled once for all tests.
let shippedDetector: Detector = {
    let normaliser = try! TextNormaliser.shipped()
    return Detector(lexicon: try! Lexicon.load(paths: [Lexicon.shippedDirectory!], normaliser: normaliser))
}()

/// A detector over lexicon lines written in the test.
func detector(_ lines: String, file: String = "test.tsv") -> Detector {
    let parsed = Lexicon.parse(text: lines, file: file, normaliser: TextNormaliser())
    precondition(parsed.diagnostics.isEmpty, "\(parsed.diagnostics)")
    return Detector(lexicon: Lexicon(entries: parsed.entries, normaliser: TextNormaliser()))
}

/// A turn whose text sits on line 7 of document `t`, starting at column 5.
func turn(_ text: String, role: Role = .official, index: Int = 0) -> Turn {
    let n = text.unicodeScalars.count
    return Turn(index: index, speaker: role == .caller ? 0 : 1, role: role,
                passage: Passage(text: text, map: SourceMap(document: "t", pieces: [.init(offset: 0, line: 7, column: 5, length: n)])),
                attribution: .label)
}

extension Detector {
    func codes(_ text: String, role: Role = .official) -> Set<Code> {
        Set(detect(in: turn(text, role: role)).map(\.code))
    }
}
