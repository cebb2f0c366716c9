import Foundation
import Testing
import TuiweiCore
import TuiweiTestSupport
@testable import tuiwei

/// How every command behaves at the command line: the version, usage errors (exit 64, the
/// command's usage on stderr), missing inputs, and where messages go.
@Suite struct CommandLineTests {
    @Test func version() throws {
        for arguments in [["--version"], ["-V"], ["segment", "--version"], ["analyze", "-V"]] {
            let r = try ToolProcess.run(arguments)
            #expect(r.status == 0)
            #expect(r.stdout == "tuiwei \(TuiweiVersion.string)\n")
        }
        #expect(try ToolProcess.run(["--help"]).stdout.contains("--version"))
    }

    @Test func usageErrorsExit64WithTheCommandsUsage() throws {
        let cases: [[String]] = [
            ["analyze", "--format", ""],
            ["analyze", "--out", "--quiet"],
            ["analyze", "--out", ""],
            ["merge", "--out", "--excel"],
            ["kwic"],
            ["eval"],
            ["export"],
            ["import"],
            ["segment", "--delimiter"],
            ["parse", "--bogus"],
            ["lexicon", "frobnicate"],
        ]
        for arguments in cases {
            let r = try ToolProcess.run(arguments)
            #expect(r.status == 64, "\(arguments)")
            #expect(r.stderr.hasPrefix("tuiwei \(arguments[0]): "), "\(arguments): \(r.stderr)")
            #expect(r.stderr.contains("USAGE: tuiwei \(arguments[0])"), "\(arguments)")
            #expect(r.stdout.isEmpty)
        }
        let unknown = try ToolProcess.run(["frobnicate"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("unknown command 'frobnicate'"))
        // No folder named after the option was made.
        #expect(!FileManager.default.fileExists(atPath: ToolProcess.root + "/--quiet"))
    }

    @Test func countsAreSingularForOne() {
        #expect(counted(1, "document") == "1 document")
        #expect(counted(0, "official answer") == "0 official answers")
        #expect(counted(2, "call") == "2 calls")
    }

    @Test func optionValuesThatAreOptionsOrEmpty() throws {
        let spec = CommandSpec(name: "x", synopsis: "tuiwei x", summary: "", options: [
            .value("--out", "DIR", ""), .flag("--quiet", ""), OptionSpec.value("--delimiter", "S", "", allowsEmpty: true).short("-d"),
        ])
        #expect(throws: UsageError.self) { try spec.parse(["--out", "--quiet"]) }
        #expect(throws: UsageError.self) { try spec.parse(["--out", "--anything"]) }
        #expect(throws: UsageError.self) { try spec.parse(["--out", "-d"]) }
        #expect(throws: UsageError.self) { try spec.parse(["--out", ""]) }
        #expect(try spec.parse(["--out=--quiet"]).value("--out") == "--quiet")
        #expect(try spec.parse(["-d", ""]).value("--delimiter") == "")
        #expect(try spec.parse(["--out", "-"]).value("--out") == "-")
    }

    @Test func usageLinesListEveryOption() {
        for command in Commands.all {
            let usage = command.spec.help.split(separator: "\n").first ?? ""
            for option in command.spec.options { #expect(usage.contains(option.name), "\(command.spec.name): \(option.name)") }
        }
    }

    @Test func missingCorpusIsNotASilentSuccess() throws {
        let kwic = try ToolProcess.run(["kwic", "不清楚", "/nonexistent/calls"])
        #expect(kwic.status == 1)
        #expect(kwic.stderr.contains("/nonexistent/calls: skipped: no such file or directory"))
        let eval = try ToolProcess.run(["eval", "--gold", ToolProcess.root + "/Tests/Fixtures/gold", "/nonexistent/calls"])
        #expect(eval.status == 1)
        #expect(eval.stderr.contains("/nonexistent/calls: skipped"))
        let folder = try TemporaryFolder("missing")
        defer { folder.remove() }
        let analyze = try ToolProcess.run(["analyze", "/nonexistent/calls", "--out", folder.sub("out"), "--quiet"])
        #expect(analyze.status == 1)
        #expect(analyze.stderr.contains("/nonexistent/calls: skipped: no such file"))
        #expect(!analyze.stderr.contains("skipped: skipped"))
        let segment = try ToolProcess.run(["segment", "/nonexistent/call.txt"])
        #expect(segment.status == 1)
        #expect(segment.stderr.contains("/nonexistent/call.txt: error: no such file"))
    }

    @Test func lexiconCheckWritesFindingsAndSummaryToStandardError() throws {
        let folder = try TemporaryFolder("lexcheck")
        defer { folder.remove() }
        let file = try folder.write("mine.tsv", "NOT_A_CODE\t不太清楚\n")
        let r = try ToolProcess.run(["lexicon", "check", file])
        #expect(r.status == 65)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("mine.tsv:1"))
        #expect(r.stderr.contains("lexicon file(s): 1 error(s)") || r.stderr.contains("error(s)"))
        let shipped = try ToolProcess.run(["lexicon", "check"])
        #expect(shipped.status == 0)
        #expect(shipped.stdout.isEmpty)
        #expect(shipped.stderr.contains("0 error(s)"))
    }

    @Test func aCopiedBinaryFindsItsDataOrSaysHow() throws {
        let folder = try TemporaryFolder("install")
        defer { folder.remove() }
        let bin = folder.sub("bin")
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: ToolProcess.binary, toPath: bin + "/tuiwei")
        func run(_ arguments: [String], home: String?) throws -> (status: Int32, stdout: String, stderr: String) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: bin + "/tuiwei")
            p.arguments = arguments
            p.currentDirectoryURL = URL(fileURLWithPath: folder.path)
            var environment = ProcessInfo.processInfo.environment
            environment["TUIWEI_HOME"] = home
            p.environment = environment
            let out = Pipe(), err = Pipe()
            p.standardOutput = out
            p.standardError = err
            try p.run()
            let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
        }
        let lost = try run(["kwic", "不清楚"], home: nil)
        #expect(lost.status == 65)
        #expect(lost.stderr.contains("TUIWEI_HOME"))
        #expect(!lost.stderr.contains("cannot find the shipped lexicons;"))
        let segmentLost = try run(["segment", "-"], home: nil)
        #expect(segmentLost.status == 65)
        #expect(segmentLost.stderr.contains("TUIWEI_HOME"))
        // With TUIWEI_HOME it works from anywhere.
        #expect(try run(["kwic", "不清楚"], home: ToolProcess.root).status == 0)
        // Installed beside share/tuiwei, it needs nothing.
        let share = folder.sub("share/tuiwei")
        try FileManager.default.createDirectory(atPath: share, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: share + "/lexicons", withDestinationPath: ToolProcess.root + "/lexicons")
        try FileManager.default.createSymbolicLink(atPath: share + "/corpus", withDestinationPath: ToolProcess.root + "/corpus")
        let installed = try run(["kwic", "不清楚"], home: nil)
        #expect(installed.status == 0)
        #expect(installed.stdout.contains("000_43baa8c35279a078"))
    }
}
