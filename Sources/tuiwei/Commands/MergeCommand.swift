import Foundation
import TuiweiCore
import TuiweiPipeline
import TuiweiReports
import TuiweiAggregates
import TuiweiScoring

/// `tuiwei merge`: the shard files of a sharded run, combined into the reports of one run.
enum MergeCommand: Command {
    static let spec = CommandSpec(
        name: "merge",
        synopsis: "tuiwei merge SHARD… [--out DIR] [--format md,html,json,csv] [--excel]",
        summary: "Combine the shard files of 'tuiwei analyze --shard I/N' runs into the reports of one run.",
        options: [LexiconOptions.specs[0], LexiconOptions.weights] + ReportOptions.specs,
        details: """
            SHARD is a shard-I-of-N.json file or a folder holding them. The reports are byte for byte
            those of one 'tuiwei analyze' over the whole corpus; calls repeated across shards are
            linked as in one run. The shards must be every shard of one split of one corpus, made
            with the same release, lexicons and weights as each other and as the scoring files
            here (--lexicons and --weights name them: those of the shards' run); otherwise nothing
            is written and each missing, repeated or mismatched shard is named (exit status 65).
            Exit status 1 when a shard's run skipped documents.
            """)

    static func run(_ args: ParsedArguments) async throws -> Int32 {
        guard !args.positional.isEmpty else { throw UsageError(message: "name the shard files (or their folder) to merge") }
        let formats = try ReportOptions.formats(args)
        let folder = try OutputFolder(path: args.value("--out") ?? "tuiwei-report")
        let interrupts = Interrupts { folder.abandon() }
        defer { interrupts.stop() }
        do {
            return try merge(args, formats: formats, into: folder)
        } catch {
            // Nothing is written for shards that cannot be merged; the folder is left as it was.
            folder.abandon()
            throw error
        }
    }

    static func merge(_ args: ParsedArguments, formats: [ReportFormat], into folder: OutputFolder) throws -> Int32 {
        var files: [String] = []
        for p in args.positional {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: p, isDirectory: &isDir) else {
                throw Diagnostic(.error, file: p, "no such file or folder")
            }
            if isDir.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: p)) ?? []
                files += names.filter { $0.hasPrefix("shard-") && $0.hasSuffix(".json") }.sorted().map { (p as NSString).appendingPathComponent($0) }
            } else {
                files.append(p)
            }
        }
        guard !files.isEmpty else { throw Diagnostic(.error, file: args.positional[0], "no shard-*.json files found") }
        var shards: [(file: String, shard: RunShard)] = []
        var unreadable: [Diagnostic] = []
        for f in files {
            guard let data = FileManager.default.contents(atPath: f) else {
                unreadable.append(Diagnostic(.error, file: f, "cannot read the shard file; check its permissions"))
                continue
            }
            do { shards.append((f, try RunShard(data: data, file: f))) } catch { unreadable.append(error) }
        }
        // Every file is read before anything is refused, so one message lists every problem.
        guard unreadable.isEmpty else { throw ShardSetError(problems: unreadable) }
        let layout = try LexiconOptions.layout(args)
        let merged = try RunShard.merged(shards, scoring: try RunProvenance.currentScoringFiles(layout))
        return try ReportOptions.write(merged.run, scoring: try ScoringResources.load(layout: layout), to: folder, formats: formats,
                                       args: args, command: "merge", provenance: merged.provenance)
    }
}
