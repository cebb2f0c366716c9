import Foundation
import TuiweiCore
import TuiweiAggregates
import TuiweiScoring
import TuiweiTranscript

/// A run over one shard of a corpus, saved so that `tuiwei merge` can combine the shards into
/// the same reports as one run over the whole corpus.
public struct RunShard: Sendable, Codable {
    public static let format = "tuiwei-run-shard"
    public static let version = 3

    public let format: String
    public let version: Int
    /// `I/N` of the run that wrote it.
    public let shard: String
    public let analysis: CorpusAnalysis
    public let fingerprints: [DuplicateCalls.Fingerprint]

    public init(shard: String, run: CorpusRun) {
        format = Self.format
        version = Self.version
        self.shard = shard
        analysis = run.partial
        fingerprints = run.fingerprints
    }

    public var run: CorpusRun { CorpusRun(partial: analysis, fingerprints: fingerprints) }

    /// The shard as JSON, the same bytes for the same run.
    public func data() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Plain value types always encode; a failure here would be a programming error.
        return try! encoder.encode(self)
    }

    /// Reads a shard file.
    /// - Throws: a `Diagnostic` naming `file` when it is not a shard of this version.
    public init(data: Data, file: String) throws(Diagnostic) {
        struct Header: Decodable { let format: String?; let version: Int? }
        guard let header = try? JSONDecoder().decode(Header.self, from: data), header.format == Self.format else {
            throw Diagnostic(.error, file: file, "not a Tuiwei shard file; give the files written by 'tuiwei analyze --shard I/N'")
        }
        guard header.version == Self.version else {
            throw Diagnostic(.error, file: file, "shard format version \(header.version.map(String.init) ?? "?") is not supported (expected \(Self.version)); re-run that shard with this version")
        }
        do {
            self = try JSONDecoder().decode(RunShard.self, from: data)
        } catch {
            throw Diagnostic(.error, file: file, "damaged shard file (\(error)); re-run the shard that wrote it")
        }
    }
}
