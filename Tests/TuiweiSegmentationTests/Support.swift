import Foundation
import TuiweiCore
@testable import TuiweiSegmentation

/// The shipped dictionary folder and one segmenter loaded from it, shared by the tests.
enum Shipped {
    static let root: String = ProjectLayout.root() ?? FileManager.default.currentDirectoryPath
    static let dictionaryDirectory = root + "/lexicons/dictionary"
    static let cacheDirectory: String = {
        atexit { try? FileManager.default.removeItem(atPath: NSTemporaryDirectory() + "tuiwei-test-cache-\(getpid())") }
        return NSTemporaryDirectory() + "tuiwei-test-cache-\(getpid())"
    }()
    static let segmenter: Segmenter = {
        do { return try Segmenter.load(directory: dictionaryDirectory, cacheDirectory: cacheDirectory) } catch {
            fatalError("cannot load the shipped dictionary: \(error)")
        }
    }()
}

/// Removes a file made by `temporaryFile` together with its directory.
func removeTemporaryFile(_ path: String) {
    try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
}

/// A temporary file with `bytes`, in a directory of its own; `removeTemporaryFile` removes both.
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
