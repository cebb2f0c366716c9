enum EvalCommand: Command {
    static let spec = CommandSpec(name: "eval", synopsis: "tuiwei eval", summary: "(not yet available)", options: [])
    static func run(_ args: ParsedArguments) async throws -> Int32 {
        printError("tuiwei eval: not yet available")
        return ExitStatus.usage
    }
}
