import Foundation
import TuiweiCore
import TuiweiScoring

/// The shipped scoring lexicons, loaded once for all tests.
public let shipped: ScoringResources = {
    do { return try ScoringResources.loadDefault() } catch { fatalError("shipped scoring lexicons: \(error)") }
}()

/// The shipped word lists with fixed weights (`Tests/Fixtures/scoring/test-weights.tsv`), so that
/// refitting the shipped weights does not change what the feature and report tests check.
public let testResources: ScoringResources = {
    let path = ProjectLayout.root()! + "/Tests/Fixtures/scoring/test-weights.tsv"
    do { return shipped.with(weights: try ScoringWeights.load(path: path)) } catch { fatalError("test weights: \(error)") }
}()

#if canImport(Glibc)
import Glibc
#endif

/// `text` in another encoding (GB18030, UTF-16BE, BIG5 …) by iconv, to build decoder inputs.
public func encode(_ text: String, to encoding: String) -> [UInt8] {
    let cd = iconv_open(encoding, "UTF-8")
    defer { iconv_close(cd) }
    var input = Array(text.utf8)
    var output = [UInt8](repeating: 0, count: input.count * 4 + 16)
    var produced = 0
    input.withUnsafeMutableBufferPointer { inBuf in
        output.withUnsafeMutableBufferPointer { outBuf in
            var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
            var inLeft = inBuf.count
            var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
            var outLeft = outBuf.count
            _ = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
            produced = outBuf.count - outLeft
        }
    }
    return Array(output[..<produced])
}
