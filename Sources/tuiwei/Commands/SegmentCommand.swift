import Foundation
import TuiweiCore
import TuiweiSegmentation

/// `tuiwei segment`: words of each input line, or an evaluation against a gold segmentation.
enum SegmentCommand: Command {
    static let spec = CommandSpec(
        name: "segment",
        synopsis: "tuiwei segment [FILE|-] [--user-dict F]… [--no-hmm] [--keep-measure-words] [--delimiter S] [--json] [--dict-dir DIR] [--eval GOLD]",
        summary: "Split Chinese text into words, one output line per input line.",
        options: [
            .value("--user-dict", "F", "Add the words of a jieba-format dictionary (word [freq] [tag]); repeatable.", repeatable: true),
            .flag("--no-hmm", "Leave characters the dictionary does not cover as single characters."),
            .flag("--keep-measure-words", "Keep numeral + measure word compounds (一个, 这次) whole, as jieba does."),
            .value("--delimiter", "S", "Put S between words (default: two spaces)."),
            .flag("--json", "Write one JSON object per line, with each token's kind and offsets."),
            .value("--dict-dir", "DIR", "Folder with jieba-dict.txt and hmm-model.utf8 (default: lexicons/dictionary)."),
            .value("--lexicons", "DIR", "A copy of lexicons/: use its dictionary/ when it has one (as the other commands do)."),
            .value("--eval", "GOLD", "Score against a gold file (words separated by spaces, one sentence a line)."),
        ],
        details: """
            Reads FILE, or standard input when FILE is '-' or absent. Whitespace is dropped; Latin
            runs, numbers (3.5, 2,000, 50%) and each punctuation mark are tokens of their own.
            With --eval, prints precision, recall and F1 of word spans; the last line is JSON with
            keys precision, recall, f1, words_gold, words_out.
            """)

    static func run(_ args: ParsedArguments) async throws -> Int32 {
        guard args.positional.count <= 1 else {
            throw UsageError(message: "takes at most one input file, got \(args.positional.count)")
        }
        if args.value("--eval") != nil && !args.positional.isEmpty {
            throw UsageError(message: "--eval reads its sentences from GOLD; give no input file")
        }
        let copied = try args.value("--lexicons").map { _ in try LexiconOptions.layout(args).dictionary }
        guard let dictDir = args.value("--dict-dir") ?? copied ?? ProjectLayout.lexiconsDirectory().map({ $0 + "/dictionary" }) else {
            printError("tuiwei segment: cannot find lexicons/dictionary; run inside the project, set TUIWEI_HOME, or pass --dict-dir")
            return ExitStatus.dataError
        }
        let options = Segmenter.Options(hmm: !args.flag("--no-hmm"), separateMeasureWords: !args.flag("--keep-measure-words"))
        guard let segmenter = loadSegmenter(directory: dictDir, userDictionaries: args.all("--user-dict")) else {
            return ExitStatus.dataError
        }

        if let gold = args.value("--eval") {
            guard let data = FileManager.default.contents(atPath: gold) else {
                printError(Diagnostic(.error, file: gold, "cannot read the gold file; check the path").description)
                return ExitStatus.dataError
            }
            let score = segmenter.evaluate(goldText: String(decoding: data, as: UTF8.self), options: options)
            print("sentences  \(score.sentences)")
            print("gold words \(score.wordsGold)")
            print("out words  \(score.wordsOut)")
            print(String(format: "precision  %.4f\nrecall     %.4f\nF1         %.4f", score.precision, score.recall, score.f1))
            print(String(
                format: "{\"precision\": %.6f, \"recall\": %.6f, \"f1\": %.6f, \"words_gold\": %d, \"words_out\": %d}",
                score.precision, score.recall, score.f1, score.wordsGold, score.wordsOut))
            return ExitStatus.ok
        }

        let path = args.positional.first ?? "-"
        let input: Data
        if path == "-" {
            input = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let d = FileManager.default.contents(atPath: path) else {
                printError(Diagnostic(.error, file: path, "cannot read the input file; check the path").description)
                return ExitStatus.dataError
            }
            input = d
        }
        let delimiter = args.value("--delimiter") ?? "  "
        let json = args.flag("--json")
        let text = String(decoding: input, as: UTF8.self)
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count * 2)
        let stdout = FileHandle.standardOutput
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty && line.endIndex == text.endIndex { break }
            lineNumber += 1
            var line = String(line)
            if line.hasSuffix("\r") { line.removeLast() }
            line.withUTF8 { b in
                if json {
                    out += Array("{\"line\": \(lineNumber), \"tokens\": [".utf8)
                    var first = true
                    segmenter.segment(utf8: b, options: options) { t in
                        if !first { out += [0x2C, 0x20] }
                        first = false
                        out += Array("{\"text\": ".utf8)
                        appendJSONString(&out, UnsafeBufferPointer(rebasing: b[t.utf8Range]))
                        out += Array(", \"kind\": \"\(t.kind.rawValue)\", \"start\": \(t.scalarRange.lowerBound), \"end\": \(t.scalarRange.upperBound), \"utf8_start\": \(t.utf8Range.lowerBound), \"utf8_end\": \(t.utf8Range.upperBound)}".utf8)
                    }
                    out += Array("]}\n".utf8)
                } else {
                    var first = true
                    segmenter.segment(utf8: b, options: options) { t in
                        if !first { out += delimiter.utf8 }
                        first = false
                        out += UnsafeBufferPointer(rebasing: b[t.utf8Range])
                    }
                    out.append(0x0A)
                }
            }
            if out.count > 1 << 20 {
                stdout.write(Data(out))
                out.removeAll(keepingCapacity: true)
            }
        }
        stdout.write(Data(out))
        return ExitStatus.ok
    }

    /// The segmenter, or nil after printing why it could not be loaded.
    static func loadSegmenter(directory: String, userDictionaries: [String]) -> Segmenter? {
        do {
            var segmenter = try Segmenter.load(directory: directory)
            for path in userDictionaries {
                for w in try segmenter.loadUserDictionary(at: path) { printError(w.description) }
            }
            return segmenter
        } catch {
            printError("\(error)")
            return nil
        }
    }

    /// Appends `s` as a JSON string literal.
    static func appendJSONString(_ out: inout [UInt8], _ s: UnsafeBufferPointer<UInt8>) {
        out.append(0x22)
        for c in s {
            switch c {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, 0x6E]
            case 0x0D: out += [0x5C, 0x72]
            case 0x09: out += [0x5C, 0x74]
            case 0..<0x20: out += Array(String(format: "\\u%04x", c).utf8)
            default: out.append(c)
            }
        }
        out.append(0x22)
    }
}
