/// A subcommand of `tuiwei`.
protocol Command: Sendable {
    static var spec: CommandSpec { get }
    static func run(_ args: ParsedArguments) async throws -> Int32
}

/// Every subcommand, in the order `tuiwei --help` lists them.
enum Commands {
    static let all: [any Command.Type] = [
        AnalyzeCommand.self, ParseCommand.self, SegmentCommand.self, EvalCommand.self,
        LexiconCommand.self, KwicCommand.self, MergeCommand.self, FitCommand.self, ExportCommand.self, ImportCommand.self,
    ]
}
