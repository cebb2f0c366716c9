import Foundation
import TuiweiCore

extension CorpusAnalysis {
    /// Identifies shard files so that a wrong JSON file is rejected with a clear message.
    public static let shardFormat = "tuiwei-analysis"
    public static let shardVersion = 2

    private struct Shard: Codable {
        let format: String
        let version: Int
        let analysis: CorpusAnalysis
    }

    private enum Keys: String, CodingKey { case documents, calls, answers, duplicates, referenceNgrams }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(documents, forKey: .documents)
        try c.encode(calls, forKey: .calls)
        try c.encode(answers, forKey: .answers)
        try c.encode(duplicates, forKey: .duplicates)
        // Sorted, so that the same analysis always gives the same bytes.
        try c.encode(referenceNgrams.sorted(), forKey: .referenceNgrams)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        self.init(documents: try c.decode([DocumentEntry].self, forKey: .documents),
                  calls: try c.decode([CallEntry].self, forKey: .calls),
                  answers: try c.decode([ScoredAnswer].self, forKey: .answers),
                  duplicates: try c.decode([DuplicateLink].self, forKey: .duplicates),
                  referenceNgrams: Set(try c.decode([String].self, forKey: .referenceNgrams)))
    }

    /// The analysis as a shard file (JSON), to be combined later with `init(shard:file:)` and `merged`.
    public func shardData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Plain value types always encode; a failure here would be a programming error.
        return try! encoder.encode(Shard(format: Self.shardFormat, version: Self.shardVersion, analysis: self))
    }

    /// Reads a shard file written by `shardData()`.
    /// - Throws: a `Diagnostic` naming `file` when the data is not a shard of this version.
    public init(shard data: Data, file: String) throws(Diagnostic) {
        struct Header: Decodable { let format: String?; let version: Int? }
        guard let header = try? JSONDecoder().decode(Header.self, from: data), header.format == Self.shardFormat else {
            throw Diagnostic(.error, file: file, "not a Tuiwei analysis shard; give files written as analysis shards")
        }
        guard header.version == Self.shardVersion else {
            throw Diagnostic(.error, file: file, "analysis shard version \(header.version.map(String.init) ?? "?") is not supported (expected \(Self.shardVersion)); re-run the analysis with this version")
        }
        do {
            self = try JSONDecoder().decode(Shard.self, from: data).analysis
        } catch {
            throw Diagnostic(.error, file: file, "damaged analysis shard (\(error)); re-run the analysis that wrote it")
        }
    }
}
