enum KwicCommand: Command {
    static let spec = CommandSpec(name: "kwic", synopsis: "tuiwei kwic", summary: "(not yet available)", options: [])
    static func run(_ args: ParsedArguments) async throws -> Int32 {
        printError("tuiwei kwic: not yet available")
        return ExitStatus.usage
    }
}
