import Foundation
import Testing
import TuiweiTestSupport
@testable import tuiwei

/// `tuiwei export --qdpx` and `tuiwei import --qdpx` as a researcher runs them: the gold that
/// comes back from an unchanged project is read by `tuiwei eval` and aligns with every turn.
@Suite struct ExchangeCommandTests {
    @Test func exportImportEval() throws {
        let folder = try TemporaryFolder("qdpx")
        defer { folder.remove() }
        let call = ToolProcess.root + "/corpus/000_43baa8c35279a078.txt"
        let project = folder.sub("calls.qdpx"), gold = folder.sub("gold.jsonl")
        let export = try ToolProcess.run(["export", "--qdpx", project, call])
        #expect(export.status == 0)
        #expect(export.stderr.contains("tuiwei export: wrote \(project): 1 source(s)"))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: project))
        #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))
        // The same corpus gives the same file.
        #expect(try ToolProcess.run(["export", "--qdpx", folder.sub("again.qdpx"), call]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.sub("again.qdpx"))) == bytes)

        let imported = try ToolProcess.run(["import", "--qdpx", project, "--out", gold])
        #expect(imported.status == 0)
        #expect(imported.stderr.contains("official turn(s)"))
        let first = try String(contentsOfFile: gold, encoding: .utf8).split(separator: "\n").first ?? ""
        #expect(first.hasPrefix("{\"doc\": \"000_43baa8c35279a078\", \"call\": 1, \"turn\": 1, \"starts\": "))
        let eval = try ToolProcess.run(["eval", "--gold", gold, call, "--json"])
        #expect(eval.status == 0)
        #expect(eval.stdout.contains("misaligned: 0"))

        // Not a project: an error naming the file, exit 65.
        try folder.write("bad.qdpx", "not a zip")
        let bad = try ToolProcess.run(["import", "--qdpx", folder.sub("bad.qdpx")])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("bad.qdpx: error: not a zip file"))
    }
}
