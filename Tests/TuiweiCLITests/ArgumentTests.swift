import Testing
@testable import tuiwei

/// The command line's contract: options parse as documented, and usage errors are reported
/// (the tool turns a `UsageError` into exit status 64 with the usage on stderr).
@Suite struct ArgumentTests {
    let spec = CommandSpec(name: "x", synopsis: "tuiwei x", summary: "test", options: [
        .flag("--json", "j"), .value("--out", "DIR", "o"), .value("--lexicon", "PATH", "l", repeatable: true),
    ])

    @Test func flagsValuesAndPositionals() throws {
        let a = try spec.parse(["a.txt", "--json", "--out", "dir", "--lexicon=x.tsv", "--lexicon", "y.tsv", "-", "--", "--not-an-option"])
        #expect(a.positional == ["a.txt", "-", "--not-an-option"])
        #expect(a.flag("--json"))
        #expect(a.value("--out") == "dir")
        #expect(a.all("--lexicon") == ["x.tsv", "y.tsv"])
    }

    @Test func usageErrors() {
        #expect(throws: UsageError.self) { try spec.parse(["--bogus"]) }
        #expect(throws: UsageError.self) { try spec.parse(["--out"]) }
        #expect(throws: UsageError.self) { try spec.parse(["--out", "a", "--out", "b"]) }
        #expect(throws: UsageError.self) { try spec.parse(["--json=yes"]) }
        #expect(throws: UsageError.self) { try ParsedArguments(values: ["--jobs": ["0"]]).integer("--jobs", in: 1...512) }
        #expect(throws: UsageError.self) { try AnalyzeCommand.parseShard("4/3") }
        #expect(throws: UsageError.self) { try AnalyzeCommand.parseShard("a/b") }
    }

    @Test func shardsAndHelp() throws {
        #expect(try AnalyzeCommand.parseShard("2/8") == (2, 8))
        #expect(try spec.parse(["--help"]).help)
        // Every command documents every option it accepts.
        for command in Commands.all {
            for option in command.spec.options { #expect(command.spec.help.contains(option.name)) }
        }
    }
}
