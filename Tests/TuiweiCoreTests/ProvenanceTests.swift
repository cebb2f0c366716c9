import Foundation
import Testing
@testable import TuiweiCore
import TuiweiTestSupport

@Suite struct SHA256Tests {
    /// Bytes 3, 10, 17, … (mod 256), so lengths around the padding boundaries are covered.
    static func bytes(_ n: Int) -> Data { Data((0..<n).map { UInt8(($0 * 7 + 3) % 256) }) }

    @Test func publishedVectors() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(String(repeating: "a", count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        #expect(SHA256.hex("推诿") == "13a46a8a71ca947a871eb30c925801dcd4ad7ba09105298e5b727d0072fefd9d")
    }

    @Test func lengthsAroundTheBlockBoundaries() {
        let expected = [
            3: "6ab0dba1f4f1dfbb37b4f9eeb092c09fca4900ad32bdcd147d8dde35d6c87c35",
            55: "e7313d333c272e639f790978283f9eb392e843d0f29b7016828bb1daa4aac70b",
            56: "4324d65f3c103567f5589c710bc08f8523f929a9272e3af36fc968e52abc6c27",
            63: "81c80242132f230c3bd41b3e63bbcff16107339549214a99614ff26664625055",
            64: "39e3d7b6b5d075d37d053ad89b24b41bef4f3c29760c84447cab3f3be1882241",
            65: "aacca6ff74fdbb296d165a45cecfa04e5127bc008770fbbdd48006f2d2fae95e",
            119: "9ce7368e4daf32341631b492e80359dc9f594b48453cd0dd5bf0b19279cc177e",
            120: "7836b787757e95e58b3ca5aec90b1b004e8deba1e50e9675af9cabf1a13a04b5",
            1000: "1e9bc38cbf860b9ec31918b065f9b52476c549a782e0e7990bed8ce3868d2371",
        ]
        for (n, digest) in expected { #expect(SHA256.hex(Self.bytes(n)) == digest, "\(n) bytes") }
    }
}

@Suite struct RunProvenanceTests {
    static func file(_ path: String, _ hash: String, folder: String = "lexicons") -> RunProvenance.File {
        RunProvenance.File(folder: folder, path: path, sha256: String(repeating: hash, count: 64))
    }
    static let base = RunProvenance(version: "1.0.0", files: [file("deflection/a.tsv", "1"), file("scoring/cues.tsv", "2")],
                                    weights: file("scoring/weights.tsv", "3"))

    @Test func alikeWhereverTheProjectLies() {
        let elsewhere = RunProvenance(version: "1.0.0", files: Self.base.files.map { Self.file($0.path, String($0.sha256.first!), folder: "/other/lexicons") },
                                      weights: Self.base.weights)
        #expect(Self.base.differences(from: elsewhere).isEmpty)
        #expect(Self.base.differences(from: Self.base).isEmpty)
    }

    @Test func eachDifferenceNamesTheSettingOrFile() {
        #expect(Self.base.differences(from: Self.base.with(version: "1.1.0")) == ["Tuiwei version 1.0.0 against 1.1.0"])
        let weights = RunProvenance(version: "1.0.0", files: Self.base.files, weights: Self.file("scoring/weights.tsv", "4"))
        #expect(Self.base.differences(from: weights).count == 1)
        #expect(Self.base.differences(from: weights)[0].hasPrefix("weights file lexicons/scoring/weights.tsv (sha256 333333333333)"))
        let edited = RunProvenance(version: "1.0.0", files: [Self.file("deflection/a.tsv", "9"), Self.base.files[1]], weights: Self.base.weights)
        #expect(Self.base.differences(from: edited) == ["lexicon file deflection/a.tsv differs (sha256 111111111111 against 999999999999)"])
        let extra = RunProvenance(version: "1.0.0", files: Self.base.files + [Self.file("mine.tsv", "5", folder: "extra")], weights: Self.base.weights)
        #expect(Self.base.differences(from: extra) == ["lexicon file extra/mine.tsv used in one and not the other"])
    }

    @Test func aListWithAPathTwiceIsLikeItselfAndNotWellFormed() {
        // Found by the shard fuzzer: the same shard given twice was reported as made differently.
        let twice = RunProvenance(version: "1.0.0", files: Self.base.files + [Self.file("deflection/a.tsv", "7")], weights: Self.base.weights)
        #expect(twice.differences(from: twice).isEmpty)
        #expect(!twice.isWellFormed && Self.base.isWellFormed)
        #expect(Self.base.differences(from: twice) == ["lexicon file deflection/a.tsv differs (sha256 111111111111 against 111111111111)"])
        let badHash = RunProvenance(version: "1.0.0", files: [RunProvenance.File(folder: "lexicons", path: "x.tsv", sha256: "zz")], weights: Self.base.weights)
        #expect(!badHash.isWellFormed)
    }

    @Test func aFileIsHashedFromItsBytesAndTheHashOfALargeOneIsKept() throws {
        let folder = try TemporaryFolder("prov")
        defer { folder.remove() }
        let dir = folder.path
        try FileManager.default.createDirectory(atPath: dir + "/cache", withIntermediateDirectories: true)
        let big = Data(repeating: 0x61, count: RunProvenance.File.cachedSize)
        try big.write(to: URL(fileURLWithPath: dir + "/big.txt"))
        let first = try RunProvenance.File(hashing: "big.txt", in: dir, cacheDirectory: dir + "/cache")
        #expect(first.sha256 == SHA256.hex(big) && first.folder == dir && first.path == "big.txt")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/cache").count == 1)
        #expect(try RunProvenance.File(hashing: "big.txt", in: dir, cacheDirectory: dir + "/cache") == first)
        // Changed contents (and so size or time) are hashed again, never read from the cache.
        let changed = big + Data("b".utf8)
        try changed.write(to: URL(fileURLWithPath: dir + "/big.txt"))
        #expect(try RunProvenance.File(hashing: "big.txt", in: dir, cacheDirectory: dir + "/cache").sha256 == SHA256.hex(changed))
        #expect(throws: Diagnostic.self) { try RunProvenance.File(hashing: "missing.tsv", in: dir) }
    }
}
