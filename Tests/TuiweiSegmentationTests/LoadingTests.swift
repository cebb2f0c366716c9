import Foundation
import Testing
import TuiweiCore
import TuiweiTestSupport
@testable import TuiweiSegmentation

@Suite("Loading the dictionary, the cache and the HMM model")
struct LoadingTests {
    @Test("the compiled cache gives the same segmenter as the text file")
    func cacheMatchesText() throws {
        let folder = try TemporaryFolder("cache-test")
        defer { folder.remove() }
        let cache = folder.sub("cache")
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
        let folder = try TemporaryFolder("cache-test")
        defer { folder.remove() }
        let cache = folder.sub("cache"), dir = folder.sub("dict")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Shipped.dictionaryDirectory + "/hmm-model.utf8", toPath: dir + "/hmm-model.utf8")
        try folder.write("dict/jieba-dict.txt", "工会 100 n\n总工会 50 n\n")
        let a = try Segmenter.load(directory: dir, cacheDirectory: cache)
        #expect(a.frequency(of: "总工会") == 50)
        // Same size, new content and time: the cache must not be used.
        Thread.sleep(forTimeInterval: 0.01)
        try folder.write("dict/jieba-dict.txt", "工会 100 n\n总工会 70 n\n")
        let b = try Segmenter.load(directory: dir, cacheDirectory: cache)
        #expect(b.frequency(of: "总工会") == 70)
        // A truncated cache file is ignored.
        let file = try FileManager.default.contentsOfDirectory(atPath: cache)[0]
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: cache + "/" + file))
        let c = try Segmenter.load(directory: dir, cacheDirectory: cache)
        #expect(c.frequency(of: "总工会") == 70)
    }

    @Test("an HMM value that is not a finite number is an error naming its line", arguments: ["nan", "inf", "-inf"])
    func hmmValuesMustBeFinite(value: String) throws {
        let text = try String(contentsOfFile: Shipped.dictionaryDirectory + "/hmm-model.utf8", encoding: .utf8)
        var lines = text.components(separatedBy: "\n")
        let first = try #require(lines.firstIndex { !$0.hasPrefix("#") && !$0.isEmpty })
        var fields = lines[first].split(separator: " ").map(String.init)
        fields[1] = value
        lines[first] = fields.joined(separator: " ")
        let folder = try TemporaryFolder("hmm")
        defer { folder.remove() }
        let path = try folder.write("hmm-model.utf8", lines.joined(separator: "\n"))
        let error = #expect(throws: Diagnostic.self) { try HMMModel.load(path: path) }
        #expect(error?.line == first + 1)
        #expect(error?.message.contains("finite") == true)
    }

    @Test("the HMM model and a user dictionary take CR-only line ends")
    func crLineEnds() throws {
        let text = try String(contentsOfFile: Shipped.dictionaryDirectory + "/hmm-model.utf8", encoding: .utf8)
        let folder = try TemporaryFolder("hmm")
        defer { folder.remove() }
        let path = try folder.write("hmm-model.utf8", text.replacingOccurrences(of: "\n", with: "\r"))
        let model = try HMMModel.load(path: path)
        let reference = try HMMModel.load(path: Shipped.dictionaryDirectory + "/hmm-model.utf8")
        #expect(model.start == reference.start && model.transition == reference.transition && model.emission == reference.emission)
        var segmenter = Shipped.segmenter
        let dict = try folder.write("dict.txt", bytes: Array("\u{FEFF}劳动监察大队 9000 n\r总工会维权 8000\r".utf8))
        #expect(try segmenter.loadUserDictionary(at: dict).isEmpty)
        #expect(segmenter.frequency(of: "劳动监察大队") == 9000)
        #expect(segmenter.frequency(of: "总工会维权") == 8000)
        let empty = try folder.write("empty.txt", bytes: Array("\r\n\r".utf8))
        #expect(try segmenter.loadUserDictionary(at: empty).map(\.severity) == [.warning])
    }

    @Test("a cache whose body was damaged is noticed by its checksum and rebuilt")
    func damagedCacheBody() throws {
        let folder = try TemporaryFolder("cache-test")
        defer { folder.remove() }
        let cache = folder.sub("cache")
        let fromText = try Segmenter.load(directory: Shipped.dictionaryDirectory, cacheDirectory: nil)
        _ = try Segmenter.load(directory: Shipped.dictionaryDirectory, cacheDirectory: cache)
        let file = cache + "/" + (try FileManager.default.contentsOfDirectory(atPath: cache)[0])
        let good = try #require(FileManager.default.contents(atPath: file))
        // Flip bytes in the body, keeping the header (and so the size and time it checks).
        var bytes = [UInt8](good)
        for k in stride(from: 200, to: bytes.count, by: bytes.count / 7) { bytes[k] ^= 0x5A }
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let reloaded = try Segmenter.load(directory: Shipped.dictionaryDirectory, cacheDirectory: cache)
        let text = "我们工会不知道这个情况你去问劳动监察大队吧"
        #expect(reloaded.words(in: text) == fromText.words(in: text))
        #expect(reloaded.frequency(of: "工会") == fromText.frequency(of: "工会"))
        // The damaged file was replaced by a good one.
        #expect(FileManager.default.contents(atPath: file) == good)
    }

    @Test("missing files and a main dictionary line without a frequency are diagnosed")
    func errors() throws {
        do {
            _ = try Segmenter.load(directory: "/nonexistent/dictionary", cacheDirectory: nil)
            Issue.record("no error")
        } catch let d as Diagnostic {
            #expect(d.file == "/nonexistent/dictionary/jieba-dict.txt")
        }
        let folder = try TemporaryFolder("dict-test")
        defer { folder.remove() }
        let dir = folder.path
        try FileManager.default.copyItem(atPath: Shipped.dictionaryDirectory + "/hmm-model.utf8", toPath: dir + "/hmm-model.utf8")
        try folder.write("jieba-dict.txt", "工会 100 n\n总工会\n")
        do {
            _ = try Segmenter.load(directory: dir, cacheDirectory: nil)
            Issue.record("no error")
        } catch let d as Diagnostic {
            #expect(d.line == 2)
        }
        try folder.write("hmm-model.utf8", "0.5 0.5\n")
        try folder.write("jieba-dict.txt", "工会 100 n\n")
        #expect(throws: Diagnostic.self) { _ = try Segmenter.load(directory: dir, cacheDirectory: nil) }
    }
}
