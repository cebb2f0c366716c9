import Foundation
import Testing
import TuiweiTestSupport

/// The tuning loop of `lexicons/README.md`, run as a researcher runs it: copy the lexicon folder,
/// add an entry, check it, see it in context, measure it on the dev gold, change a weight.
@Suite(.serialized) struct TuningLoopTests {
    static let dev = ToolProcess.root + "/Tests/Fixtures/dev"
    static let doc = "04_tianjin-planning-bureau-caifanghan-demand_sina2018"

    /// A copy of `lexicons/` without the dictionary (it falls back to the shipped one, with a note).
    static func copyLexicons(into folder: TemporaryFolder) throws -> String {
        let copy = folder.sub("lexicons")
        try FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: true)
        for part in ["deflection", "scoring", "script", "transcript"] {
            try FileManager.default.copyItem(atPath: ToolProcess.root + "/lexicons/" + part, toPath: copy + "/" + part)
        }
        return copy
    }

    /// Appends `line` to a file of the copy; returns its line number.
    static func append(_ line: String, to path: String) throws -> Int {
        var text = try String(contentsOfFile: path, encoding: .utf8)
        if !text.hasSuffix("\n") { text += "\n" }
        text += line + "\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false).count - 1
    }

    static func json(_ stdout: String) throws -> [String: Any] {
        let last = try #require(stdout.split(separator: "\n").last)
        return try #require(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
    }

    @Test func anEntryAddedToACopiedFolderIsCheckedSeenAndMeasured() throws {
        let tmp = try TemporaryFolder("loop")
        defer { tmp.remove() }
        let copy = try Self.copyLexicons(into: tmp)
        // An entry of a code the dev gold never gives (a modifier, so no deflection around it can
        // absorb it): every detection it makes is listed as a false positive with its file and line.
        let file = copy + "/deflection/refusal.tsv"
        let line = try Self.append("HEDGE\t采访函\t1\ttest entry", to: file)
        let rule = "\(file):\(line)"

        let check = try ToolProcess.run(["lexicon", "check", "--lexicons", copy])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stderr.contains("has no dictionary/"), "the fallback is named: \(check.stderr)")

        let kwic = try ToolProcess.run(["kwic", "采访函", "--lexicons", copy, "--officials", Self.dev + "/transcripts/\(Self.doc).txt"])
        #expect(kwic.status == 0, "\(kwic.stderr)")
        #expect(kwic.stdout.contains("HEDGE@\(rule)"), "\(kwic.stdout)")

        let gold = Self.dev + "/gold"
        let transcripts = Self.dev + "/transcripts"
        let before = try ToolProcess.run(["eval", "--gold", gold, transcripts, "--json"])
        let after = try ToolProcess.run(["eval", "--gold", gold, transcripts, "--json", "--lexicons", copy])
        #expect(before.status == 0 && after.status == 0, "\(before.stderr)\(after.stderr)")
        #expect(!before.stdout.contains(rule))
        #expect(after.stdout.contains("HEDGE: ") && after.stdout.contains("[\(rule)"), "\(after.stdout)")
        func hedgeFP(_ r: (status: Int32, stdout: String, stderr: String)) throws -> Int {
            let perCode = try #require(try Self.json(r.stdout)["per_code"] as? [String: [String: Any]])
            return try #require(perCode["HEDGE"]?["fp"] as? Int)
        }
        #expect(try hedgeFP(after) > hedgeFP(before))
        // Several gold files and documents at once: one line per document, and pooled figures.
        let perDocument = try #require(try Self.json(after.stdout)["per_document"] as? [String: Any])
        #expect(perDocument.count == (try FileManager.default.contentsOfDirectory(atPath: gold).filter { $0.hasSuffix(".jsonl") }.count))
        #expect(after.stdout.contains("per document"))

        // The folder given as --lexicon (as lexicon files) is refused with what to do instead.
        let wrong = try ToolProcess.run(["eval", "--gold", gold, transcripts, "--no-default-lexicons", "--lexicon", copy])
        #expect(wrong.status == 64)
        #expect(wrong.stderr.contains("--lexicons \(copy)"), "\(wrong.stderr)")
    }

    @Test func aChangedWeightChangesTheScores() throws {
        let tmp = try TemporaryFolder("weights")
        defer { tmp.remove() }
        let weights = tmp.sub("weights.tsv")
        let shipped = try String(contentsOfFile: ToolProcess.root + "/lexicons/scoring/weights.tsv", encoding: .utf8)
        // Every turn starts 20 points lower.
        let changed = try shipped.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard line.hasPrefix("base\t") else { return String(line) }
            let value = try #require(Double(line.split(separator: "\t")[1].split(separator: " ")[0]))
            return "base\t\(value - 20)"
        }.joined(separator: "\n")
        #expect(changed != shipped)
        try changed.write(toFile: weights, atomically: true, encoding: .utf8)
        let document = ToolProcess.root + "/corpus/000_43baa8c35279a078.txt"
        func scores(_ extra: [String], _ out: String) throws -> [Double] {
            let run = try ToolProcess.run(["analyze", document, "--format", "json", "--quiet", "--out", tmp.sub(out)] + extra)
            #expect(run.status == 0, "\(run.stderr)")
            let text = try String(contentsOfFile: tmp.sub(out) + "/analysis.jsonl", encoding: .utf8)
            return try text.split(separator: "\n").compactMap { line in
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                guard object?["type"] as? String == "answer" else { return nil }
                return ((object?["answer"] as? [String: Any])?["score"] as? NSNumber)?.doubleValue
            }
        }
        let shippedScores = try scores([], "a")
        let changedScores = try scores(["--weights", weights], "b")
        #expect(shippedScores.count == changedScores.count && !shippedScores.isEmpty)
        #expect(zip(shippedScores, changedScores).allSatisfy { $1 <= $0 }, "a lower base never raises a score")
        #expect(zip(shippedScores, changedScores).contains { $1 < $0 }, "\(shippedScores.prefix(5)) \(changedScores.prefix(5))")
        // The same file inside a copied folder is used without --weights.
        let copy = try Self.copyLexicons(into: tmp)
        try changed.write(toFile: copy + "/scoring/weights.tsv", atomically: true, encoding: .utf8)
        #expect(try scores(["--lexicons", copy], "c") == changedScores)
    }

    @Test func theCheckAndAnalyzeAgreeOnABadEntry() throws {
        let tmp = try TemporaryFolder("agree")
        defer { tmp.remove() }
        let copy = try Self.copyLexicons(into: tmp)
        let file = copy + "/deflection/refusal.tsv"
        // Twice the same entry: the second is a duplicate, an error for both commands.
        _ = try Self.append("GATEKEEPING\t采访函", to: file)
        let line = try Self.append("GATEKEEPING\t采访函", to: file)
        let error = "\(file):\(line): error: duplicate"
        let document = ToolProcess.root + "/corpus/000_43baa8c35279a078.txt"

        let check = try ToolProcess.run(["lexicon", "check", "--lexicons", copy])
        #expect(check.status == 65)
        #expect(check.stderr.contains(error), "\(check.stderr)")
        let analyze = try ToolProcess.run(["analyze", document, "--lexicons", copy, "--quiet", "--out", tmp.sub("out")])
        #expect(analyze.status == 65)
        #expect(analyze.stderr.contains(error), "\(analyze.stderr)")
        #expect(!FileManager.default.fileExists(atPath: tmp.sub("out/report.md")))

        // The same entry once, added on top of the shipped lexicons as a file of one's own: both accept it.
        let mine = try tmp.write("mine.tsv", "GATEKEEPING\t采访函\n")
        #expect(try ToolProcess.run(["lexicon", "check", "--lexicon", mine]).status == 0)
        #expect(try ToolProcess.run(["analyze", document, "--lexicon", mine, "--quiet", "--format", "json", "--out", tmp.sub("ok")]).status == 0)
        // A copied lexicon file on top of the shipped one duplicates its entries: both refuse it,
        // and say how a copy replaces the shipped lexicons instead.
        let twice = try ToolProcess.run(["lexicon", "check", "--lexicon", ToolProcess.root + "/Tests/../lexicons/deflection"])
        #expect(twice.status == 0, "the same folder named twice is read once")
        let copied = tmp.sub("copied/knowledge.tsv")
        try FileManager.default.createDirectory(atPath: tmp.sub("copied"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: ToolProcess.root + "/lexicons/deflection/knowledge.tsv", toPath: copied)
        let refused = try ToolProcess.run(["analyze", document, "--lexicon", copied, "--quiet", "--out", tmp.sub("dup")])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("--lexicons"), "\(refused.stderr)")
        #expect(try ToolProcess.run(["lexicon", "check", "--lexicon", copied]).status == 65)
    }
}
