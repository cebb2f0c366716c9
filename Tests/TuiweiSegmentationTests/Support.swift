import Foundation
import TuiweiCore
@testable import TuiweiSegmentation

/// The shipped dictionary folder and one segmenter loaded from it, shared by the tests.
enum Shipped {
    static let root: String = ProjectLayout.root() ?? FileManager.default.currentDirectoryPath
    static let dictionaryDirectory = root + "/lexicons/dictionary"
    static let cacheDirectory = NSTemporaryDirectory() + "tuiwei-test-cache-\(getpid())"
    static let segmenter: Segmenter = {
        do { return try Segmenter.load(directory: dictionaryDirectory, cacheDirectory: cacheDirectory) } catch {
            fatalError("cannot load the shipped dictionary: \(error)")
        }
    }()
}

/// A temporary file with `bytes`, removed by the caller.
func temporaryFile(_ bytes: [UInt8], name: String = "dict.txt") -> String {
    let dir = NSTemporaryDirectory() + "tuiwei-seg-test-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let path = dir + "/" + name
    precondition(FileManager.default.createFile(atPath: path, contents: Data(bytes)), "cannot write \(path)")
    return path
}

extension Segmenter {
    func cut(_ s: String, hmm: Bool = true) -> [String] { words(in: s, options: Options(hmm: hmm)) }
}
