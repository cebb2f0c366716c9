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
            linked as in one run. --lexicons and --weights name the scoring files the reports are
            written with (those of the shards' run). Exit status 1 when a shard's run skipped documents.
            """)

    static func run(_ args: ParsedArguments) async throws -> Int32 {
        guard !args.positional.isEmpty else { throw UsageError(message: "name the shard files (or their folder) to merge") }
        let formats = try ReportOptions.formats(args)
        let folder = try OutputFolder(path: args.value("--out") ?? "tuiwei-report")
        let interrupts = Interrupts { folder.abandon() }
        defer { interrupts.stop() }
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
        var runs: [CorpusRun] = []
        for f in files {
            guard let data = FileManager.default.contents(atPath: f) else {
                throw Diagnostic(.error, file: f, "cannot read the shard file")
            }
            runs.append(try RunShard(data: data, file: f).run)
        }
        let run = CorpusRun.merged(runs)
        return try ReportOptions.write(run, scoring: try ScoringResources.load(layout: LexiconOptions.layout(args)), to: folder, formats: formats, args: args, command: "merge")
    }
}
