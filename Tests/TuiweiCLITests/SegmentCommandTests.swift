import Foundation
import Testing
import TuiweiTestSupport
@testable import tuiwei
#if canImport(Glibc)
import Glibc
#endif

/// `tuiwei segment` reads input as every other command does — any supported encoding, any line
/// end — looks traditional characters up as simplified while printing them as written, and
/// takes jieba's short options.
@Suite struct SegmentCommandTests {
    static let simplified = "ＣＬＢ：请问是巴南区总工会吗？\n巴南区总工会：对，这边是办公室。我们不是太清楚。\n"
    static let traditional = "ＣＬＢ：請問是巴南區總工會嗎？\n巴南區總工會：對，這邊是辦公室。我們不是太清楚。\n"

    /// Runs `tuiwei segment` on a file holding `bytes`.
    static func segment(_ bytes: [UInt8], _ options: [String] = []) throws -> (status: Int32, stdout: String, stderr: String) {
        try TemporaryFolder.with("segment") { folder in
            try ToolProcess.run(["segment", try folder.write("input.txt", bytes: bytes)] + options)
        }
    }

    /// `text` in another encoding, by iconv.
    static func iconv(_ text: String, to encoding: String) -> [UInt8] { encode(text, to: encoding) }

    static func utf16(_ s: String, littleEndian: Bool) -> [UInt8] {
        var out: [UInt8] = littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]
        for u in s.utf16 { out += littleEndian ? [UInt8(u & 0xFF), UInt8(u >> 8)] : [UInt8(u >> 8), UInt8(u & 0xFF)] }
        return out
    }

    @Test func lineEndsGiveOneOutputLineEach() throws {
        let lf = try Self.segment(Array(Self.simplified.utf8))
        #expect(lf.status == 0)
        #expect(lf.stdout.hasPrefix("ＣＬＢ  ：  请问  是  巴南区  总工会  吗  ？\n巴南区  总工会  ："))
        let crlf = try Self.segment(Array(Self.simplified.replacingOccurrences(of: "\n", with: "\r\n").utf8))
        #expect(crlf.stdout == lf.stdout)
        let cr = try Self.segment(Array(Self.simplified.replacingOccurrences(of: "\n", with: "\r").utf8))
        #expect(cr.stdout == lf.stdout)
        // Offsets count from the start of each line, whatever ended the one before.
        let json = try Self.segment(Array(Self.simplified.replacingOccurrences(of: "\n", with: "\r\n").utf8), ["--json"])
        let lines = json.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[1].hasPrefix("{\"line\": 2, \"tokens\": [{\"text\": \"巴南区\", \"kind\": \"word\", \"start\": 0, \"end\": 3, \"utf8_start\": 0, \"utf8_end\": 9}"))
        #expect(!json.stdout.contains("\\r"))
    }

    @Test func encodingsAreDecodedNotPrintedAsMojibake() throws {
        let expected = try Self.segment(Array(Self.simplified.utf8)).stdout
        let gbRun = try Self.segment(Self.iconv(Self.simplified, to: "GB18030"))
        #expect(gbRun.status == 0)
        #expect(gbRun.stdout == expected)
        #expect(try Self.segment(Self.utf16(Self.simplified, littleEndian: true)).stdout == expected)
        #expect(try Self.segment(Self.utf16(Self.simplified, littleEndian: false)).stdout == expected)
        #expect(try Self.segment([0xEF, 0xBB, 0xBF] + Array(Self.simplified.utf8)).stdout == expected)
        let big5 = try Self.segment(Self.iconv(Self.traditional, to: "BIG5"))
        #expect(big5.stdout == (try Self.segment(Array(Self.traditional.utf8))).stdout)
        // What no decoder reads is an error naming the file, not a page of replacement characters.
        let binary = try Self.segment([0x41, 0x00, 0x42, 0x00, 0x00, 0x01, 0x02])
        #expect(binary.status == 1)
        #expect(binary.stderr.contains("input.txt: error:"))
        #expect(binary.stdout.isEmpty)
    }

    @Test func traditionalTextIsLookedUpAsSimplifiedAndPrintedAsWritten() throws {
        let simplified = try Self.segment(Array(Self.simplified.utf8)).stdout
        let traditional = try Self.segment(Array(Self.traditional.utf8)).stdout
        #expect(traditional.contains("巴南區  總工會"))
        #expect(traditional.contains("這邊  是  辦公室"))
        // The same cuts as the simplified text, character for character.
        func cuts(_ s: String) -> [Int] { s.split(separator: "\n").flatMap { $0.components(separatedBy: "  ").map(\.count) } }
        #expect(cuts(traditional) == cuts(simplified))
    }

    /// UD Chinese GSDSimp test sentences written in traditional characters (each simplified
    /// character replaced by a traditional one the folding table maps to it) are segmented as
    /// well as the simplified ones: F1 0.81 rather than about 0.69 without folding.
    @Test func traditionalScriptGold() throws {
        let root = ToolProcess.root
        var traditional: [Character: Character] = [:]
        for line in try String(contentsOfFile: root + "/lexicons/script/traditional-simplified.tsv", encoding: .utf8).split(separator: "\n")
        where !line.hasPrefix("#") {
            let f = line.split(separator: "\t")
            if f.count == 2, let t = f[0].first, let s = f[1].first, traditional[s] == nil { traditional[s] = t }
        }
        let gold = try String(contentsOfFile: root + "/Tests/Fixtures/segmentation-gold/zh_gsdsimp-ud-test.seg.utf8", encoding: .utf8)
            .split(separator: "\n").prefix(400).joined(separator: "\n") + "\n"
        let converted = String(gold.map { traditional[$0] ?? $0 })
        #expect(converted != gold)
        func f1(_ text: String) throws -> Double {
            let folder = try TemporaryFolder("tradgold")
            defer { folder.remove() }
            let r = try ToolProcess.run(["segment", "--eval", try folder.write("gold.txt", text)])
            let last = try #require(r.stdout.split(separator: "\n").last)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
            return try #require(object["f1"] as? Double)
        }
        let simplifiedF1 = try f1(gold), traditionalF1 = try f1(converted)
        #expect(traditionalF1 >= 0.80)
        #expect(abs(traditionalF1 - simplifiedF1) < 0.01)
    }

    @Test func jiebaShortOptions() throws {
        let text = Array("他来到了网易杭研大厦\n".utf8)
        #expect(try Self.segment(text, ["-d", " / "]).stdout == (try Self.segment(text, ["--delimiter", " / "])).stdout)
        #expect(try Self.segment(text, ["-d", " / "]).stdout.contains(" / "))
        #expect(try Self.segment(text, ["-n"]).stdout == (try Self.segment(text, ["--no-hmm"])).stdout)
        #expect(try Self.segment(text, ["-n"]).stdout != (try Self.segment(text, [])).stdout)
        let folder = try TemporaryFolder("userdict")
        defer { folder.remove() }
        let dict = try folder.write("user.dict", "杭研大厦 5 n\n")
        let user = try Self.segment(text, ["-u", dict])
        #expect(user.stdout.contains("杭研大厦"))
        #expect(user.stdout == (try Self.segment(text, ["--user-dict", dict])).stdout)
        #expect(try Self.segment(text, ["-q"]).status == 0)
        let help = try ToolProcess.run(["segment", "--help"]).stdout
        for option in ["-d, --delimiter", "-u, --user-dict", "-n, --no-hmm", "-q, --quiet"] { #expect(help.contains(option)) }
        // A short option jieba has and Tuiwei has not is a usage error, not silently ignored.
        #expect(try Self.segment(text, ["-a"]).status == 64)
    }

    @Test func longTextInPiecesGivesTheSameOutputAsItsLines() throws {
        // More than 1 MB: cut into pieces segmented side by side, written back in order.
        let block = Self.simplified + "\n" + Self.traditional.replacingOccurrences(of: "\n", with: "\r\n")
        let small = try Self.segment(Array(block.utf8))
        let count = (1 << 20) / block.utf8.count + 50
        let big = try Self.segment(Array(String(repeating: block, count: count).utf8))
        #expect(big.status == 0)
        #expect(big.stdout == String(repeating: small.stdout, count: count))
        let json = try Self.segment(Array(String(repeating: block, count: count).utf8), ["--json"])
        let last = try #require(json.stdout.split(separator: "\n").last)
        #expect(last.hasPrefix("{\"line\": \(count * 5), "))
    }
}
