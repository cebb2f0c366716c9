import Foundation
import Testing
import TuiweiCore
@testable import TuiweiLexicon

/// Inputs the lexicon fuzzer (Tests/Fuzz/run.sh lexicon) found to crash, kept so they never return.
@Suite struct FuzzRegressionTests {
    @Test(arguments: ["lexicon-crash-1.tsv"])
    func crashingLexiconInputsNowGiveDiagnostics(name: String) throws {
        let root = try #require(ProjectLayout.root())
        let data = try #require(FileManager.default.contents(atPath: root + "/Tests/Fixtures/fuzz/" + name))
        let text = String(decoding: data, as: UTF8.self)
        let (_, diagnostics) = Lexicon.parse(text: text, file: name, normaliser: TextNormaliser())
        #expect(!diagnostics.isEmpty)
        #expect(diagnostics.allSatisfy { $0.line != nil && $0.file == name })
    }
}
