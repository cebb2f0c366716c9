enum SegmentCommand: Command {
    static let spec = CommandSpec(name: "segment", synopsis: "tuiwei segment", summary: "(not yet available)", options: [])
    static func run(_ args: ParsedArguments) async throws -> Int32 {
        printError("tuiwei segment: not yet available")
        return ExitStatus.usage
    }
}
