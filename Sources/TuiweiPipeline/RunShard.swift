import Foundation
import TuiweiCore
import TuiweiAggregates
import TuiweiCorpus
import TuiweiScoring
import TuiweiTranscript

/// Which corpus a sharded run split: how many documents it had and a hash of their names and
/// paths, so that shards of different corpora are never merged as one.
public struct CorpusIdentity: Sendable, Hashable, Codable, CustomStringConvertible {
    public let documents: Int
    /// SHA-256 of every document's `id<tab>path` line, sorted.
    public let digest: String

    public init(documents: Int, digest: String) {
        self.documents = documents
        self.digest = digest
    }

    /// The identity of the whole corpus found from the user's paths, before it is split.
    public init(sources: [CorpusSource]) {
        let lines = sources.map { "\($0.id)\t\($0.path)\n" }.sorted()
        self.init(documents: sources.count, digest: SHA256.hex(lines.joined()))
    }

    public var description: String { "\(documents) documents, identity \(digest.prefix(12))" }
}

/// A run over one shard of a corpus, saved so that `tuiwei merge` can combine the shards into
/// the same reports as one run over the whole corpus. It carries what merging must check: the
/// split it belongs to, the corpus it split and what the run was made with.
public struct RunShard: Sendable, Codable {
    public static let format = "tuiwei-run-shard"
    /// 4: the split's index and count, the corpus identity and the run's provenance.
    public static let version = 4

    public let format: String
    public let version: Int
    /// Shard `index` of `count`, 1-based.
    public let index: Int
    public let count: Int
    public let corpus: CorpusIdentity
    public let provenance: RunProvenance
    public let analysis: CorpusAnalysis
    public let fingerprints: [DuplicateCalls.Fingerprint]

    public init(index: Int, count: Int, corpus: CorpusIdentity, provenance: RunProvenance, run: CorpusRun) {
        format = Self.format
        version = Self.version
        self.index = index
        self.count = count
        self.corpus = corpus
        self.provenance = provenance
        analysis = run.partial
        fingerprints = run.fingerprints
    }

    /// `I/N`.
    public var shard: String { "\(index)/\(count)" }

    public var run: CorpusRun { CorpusRun(partial: analysis, fingerprints: fingerprints) }

    /// How many documents shard `index` of `count` takes from a corpus of `documents`.
    public static func expectedDocuments(index: Int, count: Int, of documents: Int) -> Int {
        documents >= index ? (documents - index) / count + 1 : 0
    }

    /// The shard as JSON, the same bytes for the same run.
    public func data() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Plain value types always encode; a failure here would be a programming error.
        return try! encoder.encode(self)
    }

    /// Reads a shard file.
    /// - Throws: a `Diagnostic` naming `file` when it is not a shard of this version or is damaged.
    public init(data: Data, file: String) throws(Diagnostic) {
        struct Header: Decodable { let format: String?; let version: Int? }
        guard let header = try? JSONDecoder().decode(Header.self, from: data), header.format == Self.format else {
            // A shard cut short or overwritten in part is still named as one.
            if data.range(of: Data("\"format\":\"\(Self.format)\"".utf8)) != nil {
                throw Diagnostic(.error, file: file, "damaged shard file: it is not complete JSON (cut short, or changed by hand); re-run the shard that wrote it")
            }
            throw Diagnostic(.error, file: file, "not a Tuiwei shard file; give the files written by 'tuiwei analyze --shard I/N'")
        }
        guard header.version == Self.version else {
            throw Diagnostic(.error, file: file, "shard format version \(header.version.map(String.init) ?? "?") is not supported (expected \(Self.version)); re-run that shard with this version")
        }
        let shard: RunShard
        do {
            shard = try JSONDecoder().decode(RunShard.self, from: data)
        } catch {
            throw Diagnostic(.error, file: file, "damaged shard file (\(error)); re-run the shard that wrote it")
        }
        // A file edited by hand or cut and patched must not pass for a shard.
        guard shard.count >= 1, (1...shard.count).contains(shard.index), shard.corpus.documents >= 0 else {
            throw Diagnostic(.error, file: file, "damaged shard file: shard \(shard.index)/\(shard.count) is not a shard of a split (I/N with 1 ≤ I ≤ N); re-run the shard that wrote it")
        }
        let expected = Self.expectedDocuments(index: shard.index, count: shard.count, of: shard.corpus.documents)
        guard shard.analysis.documents.count == expected else {
            throw Diagnostic(.error, file: file, "damaged shard file: shard \(shard.shard) of a corpus of \(shard.corpus.documents) documents holds \(expected), but this file holds \(shard.analysis.documents.count); re-run the shard that wrote it")
        }
        guard shard.provenance.isWellFormed else {
            throw Diagnostic(.error, file: file, "damaged shard file: the record of its lexicon and data files is malformed (a hash that is not 64 hexadecimal digits, or a file listed twice); re-run the shard that wrote it")
        }
        if let value = Self.impossibleValue(in: shard.analysis) {
            throw Diagnostic(.error, file: file, "damaged shard file: it holds \(value), which no run writes; re-run the shard that wrote it")
        }
        self = shard
    }

    /// The first value of `a` that no run writes (a score beyond 0–100, a grade beyond 0–3, a
    /// detection outside its turn, a negative count), described; nil when there is none. The
    /// reports index and divide by these, so they are checked before a shard is used.
    static func impossibleValue(in a: CorpusAnalysis) -> String? {
        for d in a.documents where d.calls < 0 || d.paragraphs < 0 {
            return "document \(d.id) with \(d.calls) calls and \(d.paragraphs) paragraphs"
        }
        for c in a.calls where c.call < 1 || c.turns < 0 || c.officialTurns < 0 || c.officialTurns > c.turns {
            return "call \(c.call) of \(c.document) with \(c.turns) turns, \(c.officialTurns) of them official"
        }
        for ans in a.answers {
            let s = ans.score
            let at = "answer \(s.document) call \(s.call) turn \(s.turn)"
            guard s.score.isFinite, (0...100).contains(s.score) else { return "\(at) scored \(s.score)" }
            if let g = s.grade, !(0...3).contains(g) { return "\(at) graded \(g)" }
            guard s.call >= 1, s.turn >= 0, s.officialTurn >= 1, ans.line >= 1, ans.hangUps >= 0 else {
                return "\(at) at line \(ans.line), official turn \(s.officialTurn), \(ans.hangUps) hang-ups"
            }
            let length = ans.text.unicodeScalars.count
            for d in s.detections where d.range.lowerBound < 0 || d.range.upperBound > length || !d.weight.isFinite {
                return "\(at) with a detection at \(d.range) of a turn \(length) characters long"
            }
            for c in s.contributions where !c.points.isFinite { return "\(at) with \(c.feature) worth \(c.points) points" }
            for t in ans.targets where t.detection < 0 || t.detection >= s.detections.count || t.range.lowerBound < 0 || t.range.upperBound > length {
                return "\(at) with a referral target outside its turn"
            }
            let o = ans.orientation
            if o.characters < 0 || o.authority < 0 || o.grassroots < 0 || o.terms.values.contains(where: { $0 < 0 }) {
                return "\(at) with negative orientation counts"
            }
        }
        for l in a.duplicates where !((0...1).contains(l.containment) && (0...1).contains(l.coverage)) {
            return "a duplicate link of \(l.document) with containment \(l.containment) and coverage \(l.coverage)"
        }
        return nil
    }
}

/// Everything that keeps a set of shard files from being merged, each problem naming its file.
public struct ShardSetError: Error, Sendable, CustomStringConvertible {
    public let problems: [Diagnostic]
    public init(problems: [Diagnostic]) { self.problems = problems }
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

extension RunShard {
    /// Checks that `shards` (with the files they were read from) form one complete split of one
    /// corpus, made with the same release, lexicons and weights; `scoring`, when given, are the
    /// scoring files the merge would score with now, which must be those the shards were made with.
    /// - Returns: every problem found; none when the shards can be merged.
    public static func problems(in shards: [(file: String, shard: RunShard)],
                                scoring: [RunProvenance.File]? = nil) -> [Diagnostic] {
        guard let (firstFile, first) = shards.first else { return [] }
        var out: [Diagnostic] = []
        for (file, s) in shards.dropFirst() {
            if s.count != first.count {
                out.append(Diagnostic(.error, file: file, "shard \(s.shard) belongs to a split into \(s.count), but \(firstFile) is shard \(first.shard) of a split into \(first.count); merge the shards of one split"))
            } else if s.corpus != first.corpus {
                out.append(Diagnostic(.error, file: file, "shard \(s.shard) was made from another corpus (\(s.corpus)) than \(firstFile) (\(first.corpus)); merge the shards of one run over one corpus"))
            }
            for difference in first.provenance.differences(from: s.provenance) {
                out.append(Diagnostic(.error, file: file, "made with other settings than \(firstFile): \(difference) (\(firstFile) first); re-run the shards with the same release, lexicons and weights"))
            }
        }
        guard out.isEmpty else { return out }
        var seen: [Int: String] = [:]
        for (file, s) in shards {
            if let earlier = seen[s.index] {
                out.append(Diagnostic(.error, file: file, "shard \(s.shard) is given twice (also as \(earlier)); give each shard once"))
            } else {
                seen[s.index] = file
            }
        }
        let missing = (1...first.count).filter { seen[$0] == nil }
        for i in missing {
            out.append(Diagnostic(.error, file: "shard-\(i)-of-\(first.count).json",
                                  "shard \(i)/\(first.count) is missing (\(seen.count) of \(first.count) shards given); run 'tuiwei analyze CORPUS --shard \(i)/\(first.count)' and merge again"))
        }
        if let scoring {
            let made = Dictionary(first.provenance.scoringFiles.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
            for now in scoring where made[now.path]?.sha256 != now.sha256 {
                let then = made[now.path].map { "sha256 \($0.sha256.prefix(12))" } ?? "not used"
                out.append(Diagnostic(.error, file: now.location, "has changed since the shards were made (sha256 \(now.sha256.prefix(12)) now, \(then) in \(firstFile)); the reports are scored with it, so restore the file the shards were made with, or re-run the shards"))
            }
        }
        return out
    }

    /// The shards as one run, after `problems(in:scoring:)` found none.
    /// - Throws: `ShardSetError` listing every problem.
    public static func merged(_ shards: [(file: String, shard: RunShard)],
                              scoring: [RunProvenance.File]? = nil) throws(ShardSetError) -> (run: CorpusRun, provenance: RunProvenance) {
        let found = problems(in: shards, scoring: scoring)
        guard found.isEmpty, let first = shards.first else {
            throw ShardSetError(problems: found.isEmpty ? [Diagnostic(.error, file: "-", "no shard files to merge")] : found)
        }
        // Merged in split order, whatever order the files were named in.
        let ordered = shards.sorted { $0.shard.index < $1.shard.index }
        return (CorpusRun.merged(ordered.map(\.shard.run)), first.shard.provenance)
    }
}
