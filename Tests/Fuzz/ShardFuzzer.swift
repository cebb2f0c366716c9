// libFuzzer entry point: any bytes as a shard file (`tuiwei analyze --shard I/N`). Reading must
// never crash: the file is read as a shard or refused with one diagnostic naming it. A shard that
// is read is checked as a set alone and with itself given twice, merged, and its reports
// rendered, none of which may trap; the set of two must be refused as repeating a shard.
import Foundation
import TuiweiCore

/// Loaded once: the shipped scoring files the reports are rendered with.
let fuzzResources: ScoringResources = try! ScoringResources.loadDefault()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzShard(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    let shard: RunShard
    do { shard = try RunShard(data: bytes, file: "shard.json") } catch {
        if error.file != "shard.json" || error.severity != .error { fatalError("a shard diagnostic about another file: \(error)") }
        return 0
    }
    let twice = RunShard.problems(in: [("a.json", shard), ("b.json", shard)])
    if !twice.contains(where: { $0.file == "b.json" && $0.message.contains("given twice") }) {
        fatalError("the same shard twice was not refused: \(twice)")
    }
    guard let merged = try? RunShard.merged([("shard.json", shard)]) else {
        if shard.count == 1 { fatalError("a split into one shard was refused: \(RunShard.problems(in: [("shard.json", shard)]))") }
        return 0
    }
    let files = ReportWriter.render(merged.run.analysis, resources: fuzzResources, formats: ReportFormat.allCases,
                                    provenance: merged.provenance)
    if files.count != 6 { fatalError("\(files.count) report files") }
    return 0
}
