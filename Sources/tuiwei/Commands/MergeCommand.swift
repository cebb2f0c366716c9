enum MergeCommand: Command {
    static let spec = CommandSpec(name: "merge", synopsis: "tuiwei merge", summary: "(not yet available)", options: [])
    static func run(_ args: ParsedArguments) async throws -> Int32 {
        printError("tuiwei merge: not yet available")
        return ExitStatus.usage
    }
}
