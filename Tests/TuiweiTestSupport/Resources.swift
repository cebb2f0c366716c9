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

/// A fresh folder under the system's temporary folder; remove it with `removeTemporaryDirectory`.
public func temporaryDirectory(_ prefix: String = "tuiwei-test") -> String {
    let path = NSTemporaryDirectory() + "\(prefix)-\(UUID().uuidString)"
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

public func removeTemporaryDirectory(_ path: String) {
    try? FileManager.default.removeItem(atPath: path)
}
