import Foundation
import Testing
@testable import TuiweiExchange

/// Zip packages as QDA programs write them: stored entries round-trip, deflated ones (zlib's
/// stored, fixed and dynamic blocks) decode to the bytes they were made from.
@Suite struct ZipArchiveTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/qdpx").path

    static func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: fixtures + "/" + name)))
    }

    @Test func storedRoundTrip() throws {
        let entries = [ZipArchive.Entry(name: "project.qde", data: Array("<Project/>".utf8)),
                       ZipArchive.Entry(name: "sources/文本.txt", data: Array("巴南区总工会：对。\n".utf8)),
                       ZipArchive.Entry(name: "empty", data: [])]
        let bytes = try ZipArchive(entries: entries).bytes()
        let back = try ZipArchive(bytes: bytes)
        #expect(back.entries == entries)
        #expect(back.entry(named: "SOURCES/文本.txt")?.data == entries[1].data)
        // The same entries give the same bytes.
        #expect(try ZipArchive(entries: entries).bytes() == bytes)
    }

    @Test(arguments: ["inflate-level0.deflate", "inflate-level1.deflate", "inflate-level9.deflate", "inflate-fixed.deflate"])
    func inflate(_ name: String) throws {
        let expected = try Self.fixture("inflate-text.txt")
        #expect(try Inflate.decompress(try Self.fixture(name)) == expected)
    }

    @Test func damagedInputIsAnErrorNotACrash() throws {
        var d = try Self.fixture("inflate-level9.deflate")
        #expect(throws: Inflate.Failure.self) { try Inflate.decompress(Array(d.prefix(40))) }
        d[0] |= 0x06  // block type 3 does not exist
        #expect(throws: Inflate.Failure.self) { try Inflate.decompress(d) }
        #expect(throws: ZipError.self) { try ZipArchive(bytes: Array("not a zip at all, just text".utf8)) }
        var zip = try ZipArchive(entries: [.init(name: "a", data: Array("hello".utf8))]).bytes()
        zip[31] ^= 0xFF  // a byte of the data: the checksum no longer matches
        #expect(throws: ZipError.self) { try ZipArchive(bytes: zip) }
    }

    /// Damaged packages and streams are errors, never crashes: random bytes, and a real package
    /// with bytes changed at random.
    @Test func randomDamage() throws {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> UInt64 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return state
        }
        for _ in 0..<500 {
            let bytes = (0..<Int(next() % 200)).map { _ in UInt8(truncatingIfNeeded: next()) }
            _ = try? Inflate.decompress(bytes)
            _ = try? ZipArchive(bytes: bytes)
        }
        let package = try Self.fixture("deflated-05-traditional.qdpx")
        for _ in 0..<300 {
            var damaged = package
            for _ in 0..<(1 + Int(next() % 4)) {
                damaged[Int(next() % UInt64(damaged.count))] = UInt8(truncatingIfNeeded: next())
            }
            _ = try? ZipArchive(bytes: damaged)
        }
    }

    @Test func deflatedPackageFromAnotherZipWriter() throws {
        let archive = try ZipArchive(bytes: try Self.fixture("deflated-05-traditional.qdpx"))
        #expect(archive.entry(named: "project.qde") != nil)
        #expect(archive.entries.contains { $0.name.hasPrefix("sources/") && $0.name.hasSuffix(".txt") })
    }
}
