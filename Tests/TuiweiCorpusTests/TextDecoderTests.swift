import Foundation
import Testing
@testable import TuiweiCorpus
import TuiweiCore
import TuiweiTestSupport
#if canImport(Glibc)
import Glibc
#endif

@Suite struct TextDecoderTests {
    let sample = "ＣＬＢ：请问是总工会吗？\n总工会：对，您好。\n"

    @Test func utf8WithAndWithoutBOM() throws {
        let plain = try TextDecoder.decode(Array(sample.utf8)).get()
        #expect(plain.text == sample)
        #expect(plain.encoding == "UTF-8")
        let bom = try TextDecoder.decode([0xEF, 0xBB, 0xBF] + Array(sample.utf8)).get()
        #expect(bom.text == sample)
        #expect(bom.encoding == "UTF-8 (BOM)")
    }

    @Test(arguments: [("UTF-16LE", [UInt8]([0xFF, 0xFE])), ("UTF-16BE", [UInt8]([0xFE, 0xFF]))])
    func utf16WithBOM(encoding: String, bom: [UInt8]) throws {
        let d = try TextDecoder.decode(bom + encode(sample, to: encoding)).get()
        #expect(d.text == sample)
        #expect(d.encoding == encoding)
    }

    @Test(arguments: ["GB18030", "GBK"])
    func gb18030AndGBK(encoding: String) throws {
        let bytes = encode(sample, to: encoding)
        #expect(String(validating: bytes, as: UTF8.self) == nil)
        let d = try TextDecoder.decode(bytes).get()
        #expect(d.text == sample)
        #expect(d.encoding == "GB18030")
    }

    static let traditional = "ＣＬＢ：您好，這裡是市總工會嗎？我們工廠拖欠工資三個月了。\n總工會：這個情況我們不知道，你去問勞動監察大隊吧。\n"

    @Test func big5IsReadAsBig5NotAsGB18030Mojibake() throws {
        let bytes = encode(Self.traditional, to: "BIG5")
        // The same bytes are valid GB18030 too: the choice is the decoder's.
        #expect(TextDecoder.iconvDecode(bytes, from: "GB18030") != nil)
        let d = try TextDecoder.decode(bytes).get()
        #expect(d.encoding == "Big5")
        #expect(d.text == Self.traditional)
        #expect(d.warnings.count == 1)
        #expect(d.warnings.first?.contains("read as Big5") == true)
    }

    @Test func big5HKSCSIsReadWhenPlainBig5CannotBe() throws {
        let cantonese = "總工會：佢哋嘅工會話唔知道，你問勞動局啦。\n"
        let bytes = encode(cantonese, to: "BIG5-HKSCS")
        #expect(TextDecoder.iconvDecode(bytes, from: "BIG5") == nil)
        let d = try TextDecoder.decode(bytes).get()
        #expect(d.encoding == "Big5-HKSCS")
        #expect(d.text == cantonese)
    }

    @Test func simplifiedGBTextStaysGB18030WhenBig5AlsoFits() throws {
        let simplified = "ＣＬＢ：您好，请问是市总工会吗？我们工厂拖欠工资三个月了。\n总工会：这个情况我们不知道，你去问劳动监察大队吧。\n"
        let bytes = encode(simplified, to: "GB2312")
        let d = try TextDecoder.decode(bytes).get()
        #expect(d.encoding == "GB18030")
        #expect(d.text == simplified)
    }

    @Test(arguments: [("UTF-16LE", TextDecoder.ByteOrder.little), ("UTF-16BE", .big)])
    func utf16WithoutBOMIsToldByItsZeroBytes(encoding: String, order: TextDecoder.ByteOrder) throws {
        let bytes = encode(sample + Self.traditional, to: encoding)
        #expect(TextDecoder.utf16ByteOrder(bytes) == order)
        let d = try TextDecoder.decode(bytes).get()
        #expect(d.encoding == encoding)
        #expect(d.text == sample + Self.traditional)
        #expect(d.warnings.first?.contains("no byte-order mark") == true)
    }

    @Test func utf16WithoutBOMThatDoesNotDecodeIsNamedAsSuch() {
        // Zeros on the odd side like UTF-16LE, then a lone low surrogate.
        var bytes = encode("ab\ncd\nef\n", to: "UTF-16LE")
        bytes += [0x00, 0xDC]
        #expect(throws: TextDecoder.Failure.utf16WithoutBOM) { try TextDecoder.decode(bytes).get() }
    }

    @Test func emptyBinaryAndUndecodableAreErrors() {
        #expect(throws: TextDecoder.Failure.empty) { try TextDecoder.decode([]).get() }
        #expect(throws: TextDecoder.Failure.binary(offset: 3)) { try TextDecoder.decode([0x41, 0x42, 0x43, 0x00, 0x44]).get() }
        // Valid on line 1, an invalid lead byte on line 2 that GB18030 rejects too.
        #expect(throws: TextDecoder.Failure.undecodable(line: 2)) { try TextDecoder.decode(Array("好\n".utf8) + [0x80, 0x41]).get() }
    }

    @Test func truncatedFinalCharacterIsDroppedWithWarning() throws {
        let bytes = Array("工会".utf8) + [0xE5, 0xB7]  // first two bytes of 工
        let d = try TextDecoder.decode(bytes).get()
        #expect(d.text == "工会")
        #expect(d.warnings.count == 1)
    }
}

@Suite struct SourceTextTests {
    @Test func crlfCrAndLfAllEndLines() {
        let t = SourceText(id: "x", path: "x", encoding: "UTF-8", text: "一\r\n二\r三\n四")
        #expect(t.lines.map(\.contentString) == ["一", "二", "三", "四"])
        #expect(t.lines.map(\.number) == [1, 2, 3, 4])
    }

    /// A document of one long line and many short ones holds about as many scalars as it has:
    /// a short line must not keep the room of a long line read before it.
    @Test func eachLineHoldsOnlyItsOwnScalars() {
        let text = String(repeating: "长", count: 5_000) + "\n" + Array(repeating: "短句。", count: 200).joined(separator: "\n")
        let t = SourceText(id: "x", path: "x", encoding: "UTF-8", text: text)
        #expect(t.lines.count == 201)
        let held = t.lines.reduce(0) { $0 + $1.scalars.capacity }
        let written = t.lines.reduce(0) { $0 + $1.scalars.count }
        #expect(held < written * 2, "\(held) scalars held for \(written) written")
    }

    @Test func contentBoundsSkipFullWidthSpaces() {
        let line = SourceLine(number: 1, scalars: Array("\u{3000} 甲乙 \u{3000}".unicodeScalars))
        #expect(line.contentString == "甲乙")
        #expect(line.contentStart == 2)
    }

    @Test func barePageNumbers() {
        #expect(SourceLine(number: 1, scalars: Array(" 10 ".unicodeScalars)).isBarePageNumber)
        #expect(SourceLine(number: 1, scalars: Array("１２".unicodeScalars)).isBarePageNumber)
        #expect(!SourceLine(number: 1, scalars: Array("10人".unicodeScalars)).isBarePageNumber)
        #expect(!SourceLine(number: 1, scalars: Array("20201".unicodeScalars)).isBarePageNumber)
    }

    @Test func foldingIsOneToOne() {
        #expect(TextNormaliser.width("ＣＬＢ：２０００") == "CLB:2000")
        #expect(TextNormaliser.width("工会").unicodeScalars.count == 2)
    }

    @Test func passageJoinsCJKWithoutSpaceAndLatinWithOne() {
        let a = SourceLine(number: 3, scalars: Array("工会工作 in".unicodeScalars))
        let b = SourceLine(number: 5, scalars: Array("progress，很好".unicodeScalars))
        let c = SourceLine(number: 7, scalars: Array("的事".unicodeScalars))
        var builder = PassageBuilder(document: "d")
        builder.append(a, 0..<a.scalars.count)
        builder.append(b, 0..<b.scalars.count)
        builder.append(c, 0..<c.scalars.count)
        let p = builder.build()
        #expect(p.text == "工会工作 in progress，很好的事")
        #expect(p.map.location(at: 8).line == 5)   // "p" of progress
        #expect(p.map.location(at: 8).column == 1)
        #expect(p.map.location(at: 19).line == 7)
    }

    @Test func passageTextIsTheScalarsAppendedInEveryWidth() {
        // One-, two-, three- and four-byte scalars, including the edges of each width.
        let alphabet: [Unicode.Scalar] = ["\u{01}", "a", "\u{7F}", "\u{80}", "é", "\u{7FF}", "\u{800}", "工", "\u{FFFD}",
                                          "\u{FFFF}", "\u{10000}", "𠀀", "\u{10FFFF}"]
        var g = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let scalars = (0..<Int.random(in: 1...20, using: &g)).map { _ in alphabet.randomElement(using: &g)! }
            let line = SourceLine(number: 1, scalars: scalars)
            let cut = Int.random(in: 0...scalars.count, using: &g)
            var builder = PassageBuilder(document: "d")
            builder.append(line, 0..<cut)
            builder.append(line, cut..<scalars.count)
            let text = builder.build().text
            // A space joins two Latin word characters across pieces, as for wrapped lines.
            #expect(text.unicodeScalars.filter { $0 != " " } == scalars.filter { $0 != " " })
            #expect(Array(text.utf8) == Array(String(String.UnicodeScalarView(scalars)).utf8)
                    || (cut > 0 && cut < scalars.count && text.unicodeScalars.count == scalars.count + 1))
        }
    }
}

@Suite struct CorpusSourcesTests {
    /// Makes an empty `sub` folder in `folder`; its path.
    func tempDir(in folder: TemporaryFolder) throws -> String {
        try FileManager.default.createDirectory(atPath: folder.sub("sub"), withIntermediateDirectories: true)
        return folder.path
    }

    /// A file is read whole and exactly, whatever its size; a folder or a missing path is not
    /// read; a file that reports no size (as files under /proc do) is read to its end.
    @Test func readsEachFileExactly() throws {
        let folder = try TemporaryFolder("src")
        defer { folder.remove() }
        let dir = try tempDir(in: folder)
        var rng = SystemRandomNumberGenerator()
        for size in [0, 1, 4095, 65_536, 65_537, 300_001] {
            let bytes = (0..<size).map { _ in UInt8.random(in: 0...255, using: &rng) }
            FileManager.default.createFile(atPath: "\(dir)/f\(size)", contents: Data(bytes))
            #expect(CorpusSources.readFile("\(dir)/f\(size)") == bytes)
        }
        #expect(CorpusSources.readFile(dir + "/sub") == nil)
        #expect(CorpusSources.readFile(dir + "/missing") == nil)
        #if os(Linux)
        let status = try #require(CorpusSources.readFile("/proc/self/status"))
        #expect(String(decoding: status, as: UTF8.self).contains("Name:"))
        #endif
    }

    @Test func walksDirectoriesSortedAndKeepsMissingPaths() throws {
        let folder = try TemporaryFolder("src")
        defer { folder.remove() }
        let dir = try tempDir(in: folder)
        for name in ["b.txt", "a.txt", "notes.md", "sub/c.txt", "sub/a.txt"] {
            FileManager.default.createFile(atPath: "\(dir)/\(name)", contents: Data("x".utf8))
        }
        let found = CorpusSources.find([dir, dir + "/missing.txt"])
        #expect(found.map(\.id) == ["a", "b", "a~2", "c", "missing"])
        #expect(found.last?.problem == "no such file or directory")
        #expect(found.dropLast().allSatisfy { $0.problem == nil })
    }

    @Test func symbolicLinkLoopIsReportedNotFollowedForever() throws {
        let folder = try TemporaryFolder("src")
        defer { folder.remove() }
        let dir = try tempDir(in: folder)
        FileManager.default.createFile(atPath: "\(dir)/sub/t.txt", contents: Data("x".utf8))
        try FileManager.default.createSymbolicLink(atPath: "\(dir)/sub/loop", withDestinationPath: dir)
        let found = CorpusSources.find([dir])
        #expect(found.filter { $0.problem == nil }.map(\.id) == ["t"])
        #expect(found.contains { $0.problem?.contains("link loop") == true })
    }

    @Test func aLinkToItsOwnFolderIsNoticedAtOnceAndEachFileReadOnce() throws {
        let folder = try TemporaryFolder("src")
        defer { folder.remove() }
        let dir = try tempDir(in: folder)
        for name in ["a.txt", "sub/b.txt"] { FileManager.default.createFile(atPath: "\(dir)/\(name)", contents: Data("x".utf8)) }
        // `ln -s . d/self`: a relative link to the folder that holds it.
        try FileManager.default.createSymbolicLink(atPath: "\(dir)/self", withDestinationPath: ".")
        let found = CorpusSources.find([dir])
        #expect(found.filter { $0.problem == nil }.map(\.path) == ["\(dir)/a.txt", "\(dir)/sub/b.txt"])
        #expect(found.filter { $0.problem != nil }.map(\.path) == ["\(dir)/self"])
    }

    @Test func aFileNamedTwiceOrReachedTwiceIsReadOnceWithANote() throws {
        let folder = try TemporaryFolder("src")
        defer { folder.remove() }
        let dir = try tempDir(in: folder)
        FileManager.default.createFile(atPath: "\(dir)/sub/a.txt", contents: Data("x".utf8))
        // A link to a sibling folder is no loop, but it reaches the same file again.
        try FileManager.default.createSymbolicLink(atPath: "\(dir)/other", withDestinationPath: "\(dir)/sub")
        let found = CorpusSources.find([dir + "/sub/a.txt", dir, dir + "/sub/../sub/a.txt"])
        #expect(found.map(\.path) == [dir + "/sub/a.txt"])
        #expect(found.first?.notes.count == 3)
        #expect(found.first?.notes.allSatisfy { $0.contains("analysed once") } == true)
        #expect(found.first?.problem == nil)
    }
}
