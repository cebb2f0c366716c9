import Foundation
import Testing
import TuiweiTestSupport

/// `tuiwei merge` as a user runs it: the shards of one split give the reports of one run, byte
/// for byte; anything else writes nothing and says which shard is missing, repeated or mismatched.
@Suite(.serialized) struct MergeCommandTests {
    @Test func theShardsOfOneSplitMergeIntoTheReportsOfOneRun() throws {
        let tmp = try TemporaryFolder("merge")
        defer { tmp.remove() }
        let whole = tmp.sub("whole"), shards = tmp.sub("shards"), merged = tmp.sub("merged")
        #expect(try ToolProcess.run(["analyze", "--out", whole, "--quiet"]).status == 0)
        for i in 1...3 { #expect(try ToolProcess.run(["analyze", "--shard", "\(i)/3", "--out", shards, "--quiet"]).status == 0) }
        #expect(try ToolProcess.run(["merge", shards, "--out", merged]).status == 0)
        let a = try TemporaryFolder.snapshot(whole), b = try TemporaryFolder.snapshot(merged)
        #expect(a.keys.sorted() == b.keys.sorted())
        for (name, bytes) in a { #expect(b[name] == bytes, "\(name) differs after merging") }
        #expect(String(decoding: a["report.md"] ?? Data(), as: UTF8.self).contains("Made with Tuiwei "))

        // Two shards of three: nothing written, the missing one named.
        try FileManager.default.removeItem(atPath: shards + "/shard-2-of-3.json")
        let partial = tmp.sub("partial")
        let refused = try ToolProcess.run(["merge", shards, "--out", partial])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("shard-2-of-3.json: error: shard 2/3 is missing (2 of 3 shards given)"))
        #expect(!FileManager.default.fileExists(atPath: partial))
        // The same shard named twice.
        let twice = try ToolProcess.run(["merge", shards + "/shard-1-of-3.json", shards + "/shard-1-of-3.json", shards + "/shard-3-of-3.json",
                                         "--out", partial])
        #expect(twice.status == 65 && twice.stderr.contains("shard 1/3 is given twice"))
        #expect(!FileManager.default.fileExists(atPath: partial))
    }

    @Test func evalJSONNamesTheReleaseAndDataFiles() throws {
        let result = try ToolProcess.run(["eval", "--gold", ToolProcess.root + "/Tests/Fixtures/gold", "--json"])
        #expect(result.status == 0)
        let last = try #require(result.stdout.split(separator: "\n").last)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
        let provenance = try #require(object["provenance"] as? [String: Any])
        #expect(provenance["version"] as? String != nil)
        #expect(((provenance["weights"] as? [String: Any])?["sha256"] as? String)?.count == 64)
        #expect(((provenance["files"] as? [[String: Any]]) ?? []).contains { $0["path"] as? String == "deflection/answers.tsv" })
    }
}
