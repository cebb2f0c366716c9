enum ParseCommand: Command {
    static let spec = CommandSpec(name: "parse", synopsis: "tuiwei parse", summary: "(not yet available)", options: [])
    static func run(_ args: ParsedArguments) async throws -> Int32 {
        printError("tuiwei parse: not yet available")
        return ExitStatus.usage
    }
}
