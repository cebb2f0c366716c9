enum LexiconCommand: Command {
    static let spec = CommandSpec(name: "lexicon", synopsis: "tuiwei lexicon", summary: "(not yet available)", options: [])
    static func run(_ args: ParsedArguments) async throws -> Int32 {
        printError("tuiwei lexicon: not yet available")
        return ExitStatus.usage
    }
}
