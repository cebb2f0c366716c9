import Foundation
import Testing
import TuiweiCore
@testable import TuiweiSegmentation

@Suite("Loading the dictionary, the cache and the HMM model")
struct LoadingTests {
    @Test("the compiled cache gives the same segmenter as the text file")
    func cacheMatchesText() throws {
        let cache = NSTemporaryDirectory() + "tuiwei-cache-test-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let fromText = try Segmenter.load(directory: Shipped.dictionaryDirectory, cacheDirectory: nil)
        let first = try Segmenter.load(directory: Shipped.dictionaryDirectory, cacheDirectory: cache)
        let files = try FileManager.default.contentsOfDirectory(atPath: cache)
        #expect(files.count == 1 && files[0].hasPrefix("segdict-"))
        let second = try Segmenter.load(directory: Shipped.dictionaryDirectory, cacheDirectory: cache)
        let text = "ＣＬＢ：您好，我是从中国劳工通讯打来电话啊。他来到了网易杭研大厦，2020年增长3.5%。"
        #expect(first.tokens(in: text) == fromText.tokens(in: text))
        #expect(second.tokens(in: text) == fromText.tokens(in: text))
        #expect(second.totalFrequency == fromText.totalFrequency)
    }

    @Test("a stale or damaged cache is rebuilt from the text file")
    func staleCache() throws {
        let cache = NSTemporaryDirectory() + "tuiwei-cache-test-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let dir = NSTemporaryDirectory() + "tuiwei-dict-test-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Shipped.dictionaryDirectory + "/hmm-model.utf8", toPath: dir + "/hmm-model.utf8")
        try "工会 100 n\n总工会 50 n\n".write(toFile: dir + "/jieba-dict.txt", atomically: true, encoding: .utf8)
        let a = try Segmenter.load(directory: dir, cacheDirectory: cache)
        #expect(a.frequency(of: "总工会") == 50)
        // Same size, new content and time: the cache must not be used.
        Thread.sleep(forTimeInterval: 0.01)
        try "工会 100 n\n总工会 70 n\n".write(toFile: dir + "/jieba-dict.txt", atomically: true, encoding: .utf8)
        let b = try Segmenter.load(directory: dir, cacheDirectory: cache)
        #expect(b.frequency(of: "总工会") == 70)
        // A truncated cache file is ignored.
        let file = try FileManager.default.contentsOfDirectory(atPath: cache)[0]
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: cache + "/" + file))
        let c = try Segmenter.load(directory: dir, cacheDirectory: cache)
        #expect(c.frequency(of: "总工会") == 70)
    }

    @Test("missing files and a main dictionary line without a frequency are diagnosed")
    func errors() throws {
        do {
            _ = try Segmenter.load(directory: "/nonexistent/dictionary", cacheDirectory: nil)
            Issue.record("no error")
        } catch let d as Diagnostic {
            #expect(d.file == "/nonexistent/dictionary/jieba-dict.txt")
        }
        let dir = NSTemporaryDirectory() + "tuiwei-dict-test-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Shipped.dictionaryDirectory + "/hmm-model.utf8", toPath: dir + "/hmm-model.utf8")
        try "工会 100 n\n总工会\n".write(toFile: dir + "/jieba-dict.txt", atomically: true, encoding: .utf8)
        do {
            _ = try Segmenter.load(directory: dir, cacheDirectory: nil)
            Issue.record("no error")
        } catch let d as Diagnostic {
            #expect(d.line == 2)
        }
        try "0.5 0.5\n".write(toFile: dir + "/hmm-model.utf8", atomically: true, encoding: .utf8)
        try "工会 100 n\n".write(toFile: dir + "/jieba-dict.txt", atomically: true, encoding: .utf8)
        #expect(throws: Diagnostic.self) { _ = try Segmenter.load(directory: dir, cacheDirectory: nil) }
    }
}
