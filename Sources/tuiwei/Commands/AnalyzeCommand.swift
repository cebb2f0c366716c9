enum AnalyzeCommand: Command {
    static let spec = CommandSpec(name: "analyze", synopsis: "tuiwei analyze", summary: "(not yet available)", options: [])
    static func run(_ args: ParsedArguments) async throws -> Int32 {
        printError("tuiwei analyze: not yet available")
        return ExitStatus.usage
    }
}
