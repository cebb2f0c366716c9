import Foundation
import TuiweiCore
import TuiweiReports
import TuiweiTranscript


let topUsage = """
    USAGE: tuiwei <command> [options]

    Measures, answer by answer, whether trade-union officials answered or deflected
    the questions put to them in telephone-call transcripts.

    COMMANDS:
    \(Commands.all.map { "  " + $0.spec.name.padding(toLength: 10, withPad: " ", startingAt: 0) + $0.spec.summary }.joined(separator: "\n"))

    OPTIONS:
      --version   Print the version (\(TuiweiVersion.string)).
      --help      Show this help.

    Run 'tuiwei <command> --help' for a command's options.
    """

@MainActor
func main() async -> Int32 {
    var argv = Array(CommandLine.arguments.dropFirst())
    guard let name = argv.first else {
        printError(topUsage)
        return ExitStatus.usage
    }
    if name == "--help" || name == "-h" || name == "help" {
        print(topUsage)
        return ExitStatus.ok
    }
    if name == "--version" || name == "-V" {
        print("tuiwei \(TuiweiVersion.string)")
        return ExitStatus.ok
    }
    argv.removeFirst()
    guard let command = Commands.all.first(where: { $0.spec.name == name }) else {
        printError("tuiwei: unknown command '\(name)'\n\n" + topUsage)
        return ExitStatus.usage
    }
    do {
        let parsed = try command.spec.parse(argv)
        if parsed.help {
            print(command.spec.help, terminator: "")
            return ExitStatus.ok
        }
        if parsed.version {
            print("tuiwei \(TuiweiVersion.string)")
            return ExitStatus.ok
        }
        // Every command but the lexicon check reads transcripts with the shipped conventions: a
        // broken file stops the run with its line before any work, never reads with no words.
        if command.spec.name != "lexicon", command.spec.name != "segment" {
            guard ProjectLayout.root() != nil else {
                printError("tuiwei \(command.spec.name): " + ProjectLayout.notFound("the lexicons/ folder"))
                return ExitStatus.dataError
            }
            _ = try TranscriptConventions.shipped()
        }
        return try await command.run(parsed)
    } catch let e as UsageError {
        printError("tuiwei \(command.spec.name): \(e.message)\n\n" + command.spec.help)
        return ExitStatus.usage
    } catch let busy as OutputFolder.Busy {
        printError("tuiwei \(command.spec.name): \(busy)")
        return ExitStatus.busy
    } catch {
        printError("tuiwei \(command.spec.name): \(error)")
        return ExitStatus.dataError
    }
}

exit(await main())
