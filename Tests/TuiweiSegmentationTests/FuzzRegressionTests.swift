import Foundation
import Testing
@testable import TuiweiSegmentation

/// Inputs on which the user-dictionary fuzzer once crashed (`Tests/Fixtures/fuzz/userdict-crash-*.dict`).
@Suite struct UserDictionaryFuzzRegressionTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fuzz")

    @Test func wordsOfWhiteSpaceAndByteOrderMarksLoadAndSegment() throws {
        let bytes = [UInt8](try Data(contentsOf: Self.fixtures.appendingPathComponent("userdict-crash-1.dict")))
        var segmenter = Shipped.segmenter
        try segmenter.addUserDictionary(bytes: bytes, file: "userdict-crash-1.dict")
        let text = String(decoding: bytes, as: UTF8.self)
        let tokens = segmenter.tokens(in: text)
        #expect(tokens.allSatisfy { $0.scalarRange.upperBound <= text.unicodeScalars.count })
        #expect(segmenter.words(in: "x mm").joined() == "xmm")
    }
}
