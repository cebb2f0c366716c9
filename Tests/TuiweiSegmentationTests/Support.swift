import Foundation
import TuiweiCore
import TuiweiTestSupport
@testable import TuiweiSegmentation

/// The shipped dictionary folder and one segmenter loaded from it, shared by the tests.
enum Shipped {
    static let root: String = ProjectLayout.root() ?? FileManager.default.currentDirectoryPath
    static let dictionaryDirectory = root + "/lexicons/dictionary"
    /// A cache folder for the whole test process, removed when it exits.
    static let cacheFolder: TemporaryFolder = {
        let folder = try! TemporaryFolder("test-cache")
        atexit { Shipped.cacheFolder.remove() }
        return folder
    }()
    static var cacheDirectory: String { cacheFolder.path }
    static let segmenter: Segmenter = {
        do { return try Segmenter.load(directory: dictionaryDirectory, cacheDirectory: cacheDirectory) } catch {
            fatalError("cannot load the shipped dictionary: \(error)")
        }
    }()
}

extension Segmenter {
    func cut(_ s: String, hmm: Bool = true) -> [String] { words(in: s, options: Options(hmm: hmm)) }
}
