import Foundation

/// A command-line usage error: printed with the command's usage on stderr, exit status 64.
struct UsageError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// An option a command accepts.
struct OptionSpec {
    let name: String          // "--out"
    let value: String?        // "DIR" when it takes a value, nil for a flag
    let repeatable: Bool
    let help: String
    /// A one-letter form ("-d"), where a familiar tool has one that means the same.
    var short: String? = nil
    /// Whether an empty value ("") is meaningful, as a delimiter can be; for every other option it is an error.
    var allowsEmpty = false

    static func flag(_ name: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, value: nil, repeatable: false, help: help)
    }
    static func value(_ name: String, _ value: String, _ help: String, repeatable: Bool = false, allowsEmpty: Bool = false) -> OptionSpec {
        OptionSpec(name: name, value: value, repeatable: repeatable, help: help, allowsEmpty: allowsEmpty)
    }
    func short(_ letter: String) -> OptionSpec {
        var o = self
        o.short = letter
        return o
    }
}

/// What a command is called, what it takes, and its help text.
struct CommandSpec {
    let name: String
    let synopsis: String      // "tuiwei parse [PATH…] [--json]"
    let summary: String
    let options: [OptionSpec]
    var details: String = ""

    /// The synopsis, followed by every option it does not mention yet, so that the usage line
    /// always lists the options that exist.
    var usage: String {
        var s = synopsis
        for o in options where !synopsis.contains(o.name) {
            s += " [" + (o.short.map { "\($0)|" } ?? "") + o.name + (o.value.map { " \($0)" } ?? "") + "]" + (o.repeatable ? "…" : "")
        }
        return s
    }

    var help: String {
        var s = "USAGE: \(usage)\n\n\(summary)\n"
        if !details.isEmpty { s += "\n\(details)\n" }
        let all = options + [OptionSpec.flag("--version", "Print the version.").short("-V"), OptionSpec.flag("--help", "Show this help.").short("-h")]
        s += "\nOPTIONS:\n"
        for o in all {
            let left = (o.short.map { "\($0), " } ?? "") + (o.value.map { "\(o.name) \($0)" } ?? o.name)
            s += "  " + left.padding(toLength: max(22, left.count + 2), withPad: " ", startingAt: 0) + o.help + "\n"
        }
        return s
    }
}

/// Parsed arguments of one command.
struct ParsedArguments {
    var positional: [String] = []
    var values: [String: [String]] = [:]
    var flags: Set<String> = []
    var help = false
    var version = false

    func flag(_ name: String) -> Bool { flags.contains(name) }
    func value(_ name: String) -> String? { values[name]?.last }
    func all(_ name: String) -> [String] { values[name] ?? [] }

    /// A whole number option within `range`, or a usage error naming the option.
    func integer(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let raw = value(name) else { return nil }
        guard let n = Int(raw), range.contains(n) else {
            throw UsageError(message: "\(name) takes a whole number from \(range.lowerBound) to \(range.upperBound), not '\(raw)'")
        }
        return n
    }
}

extension CommandSpec {
    /// Parses `args` against this spec; `-` and words not starting with `--` are positional.
    func parse(_ args: [String]) throws -> ParsedArguments {
        var out = ParsedArguments()
        var i = 0
        var onlyPositional = false
        while i < args.count {
            let a = args[i]
            i += 1
            if onlyPositional || a == "-" || !a.hasPrefix("-") {
                out.positional.append(a)
                continue
            }
            if a == "--" { onlyPositional = true; continue }
            if a == "--help" || a == "-h" { out.help = true; continue }
            if a == "--version" || a == "-V" { out.version = true; continue }
            var name = a
            var inline: String?
            if let eq = a.firstIndex(of: "=") {
                name = String(a[..<eq])
                inline = String(a[a.index(after: eq)...])
            }
            guard let spec = options.first(where: { $0.name == name || $0.short == name }) else {
                throw UsageError(message: "unknown option '\(name)' for '\(self.name)'")
            }
            name = spec.name
            if spec.value != nil {
                let v: String
                if let inline { v = inline } else {
                    guard i < args.count else { throw UsageError(message: "\(name) needs a value (\(spec.value!))") }
                    v = args[i]
                    i += 1
                    // `--out --quiet`: the next word is an option, not the value that was left out.
                    if v.hasPrefix("--") || v == "-h" || v == "-V" || options.contains(where: { $0.short == v }) {
                        throw UsageError(message: "\(name) needs a value (\(spec.value!)), not the option '\(v)'; write \(name)=\(v) if you mean a value that starts with -")
                    }
                }
                if v.isEmpty, !spec.allowsEmpty { throw UsageError(message: "\(name) needs a value (\(spec.value!)), not an empty one") }
                if !spec.repeatable, out.values[name] != nil {
                    throw UsageError(message: "\(name) given more than once")
                }
                out.values[name, default: []].append(v)
            } else {
                if inline != nil { throw UsageError(message: "\(name) takes no value") }
                out.flags.insert(name)
            }
        }
        return out
    }
}

/// Exit statuses, as documented in the README.
enum ExitStatus {
    static let ok: Int32 = 0
    /// The run finished but some input was skipped or had errors.
    static let partial: Int32 = 1
    /// A file the run needs (lexicon, dictionary, gold) could not be used.
    static let dataError: Int32 = 65
    static let usage: Int32 = 64
    /// Another run is writing to the output folder; try again when it has finished.
    static let busy: Int32 = 75
}

/// Writes to standard error.
/// `n` and the noun, singular for one: "1 document", "3 documents".
func counted(_ n: Int, _ noun: String) -> String {
    "\(n) \(noun)\(n == 1 ? "" : "s")"
}

func printError(_ s: String) {
    FileHandle.standardError.write(Data((s.hasSuffix("\n") ? s : s + "\n").utf8))
}
