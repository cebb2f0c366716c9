import Foundation
import Testing
import TuiweiTestSupport

/// `tuiwei fit` as a researcher runs it: a weights file written, never one replaced unasked.
@Suite struct FitCommandTests {
    @Test func writesAWeightsFileAndPrintsCrossValidatedAgreement() throws {
        let folder = try TemporaryFolder("fit")
        defer { folder.remove() }
        let dir = folder.path
        let out = folder.sub("weights.tsv")
        let dev = ToolProcess.root + "/Tests/Fixtures/dev"
        let args = ["fit", "--gold", dev + "/gold", dev + "/transcripts", "--out", out]
        let first = try ToolProcess.run(args)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("leave one document out") && first.stdout.contains("QWK"))
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains("grade.1\t20") && text.contains("grade.3\t80"))
        // The written file is a weights file analyze accepts.
        #expect(text.contains("deflection.others\t1"))
        // A second run does not replace it without --force, and says so.
        try "keep me".write(toFile: out, atomically: true, encoding: .utf8)
        let second = try ToolProcess.run(args)
        #expect(second.status == 64 && second.stderr.contains("--force"))
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "keep me")
        let forced = try ToolProcess.run(args + ["--force"])
        #expect(forced.status == 0)
        #expect(try String(contentsOfFile: out, encoding: .utf8) != "keep me")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["weights.tsv"], "no partial file left")
    }

    @Test func badSettingsAreUsageErrors() throws {
        let r = try ToolProcess.run(["fit", "--gold", "x", "--out", "/tmp/never", "--ridge", "-1"])
        #expect(r.status == 64 && r.stderr.contains("--ridge"))
        let noOut = try ToolProcess.run(["fit", "--gold", "x"])
        #expect(noOut.status == 64 && noOut.stderr.contains("--out"))
    }
}
