import Foundation
import TuiweiCore
import TuiweiExchange
import TuiweiPipeline
import TuiweiTranscript

/// `tuiwei export --qdpx FILE`: the codes and grades of a corpus as a REFI-QDA project, for
/// checking and correcting in NVivo, ATLAS.ti, MAXQDA or QualCoder.
enum ExportCommand: Command {
    static let spec = CommandSpec(
        name: "export",
        synopsis: "tuiwei export --qdpx FILE [CORPUS…] [--lexicon PATH]… [--no-default-lexicons]",
        summary: "Write the detections and grades as a REFI-QDA project (.qdpx) for QDA software.",
        options: LexiconOptions.specs + [
            .value("--qdpx", "FILE", "The project file to write (REFI-QDA 1.0, readable by NVivo, ATLAS.ti, MAXQDA)."),
        ],
        details: """
            Each transcript becomes a text source (its text as read, UTF-8, lines ending in \\n; positions
            count Unicode characters). Every official turn is a selection coded with its grade
            (grade 0–3 or ungraded) with a note holding its score, question and the score's
            contributions; every detection is a selection coded with its code at its exact words.
            Documents without calls (articles) are left out. Correct the codes, export the project
            again from the QDA program, and read it back with 'tuiwei import --qdpx'.
            CORPUS defaults to the bundled corpus/.
            """)

    static func run(_ args: ParsedArguments) async throws -> Int32 {
        guard let out = args.value("--qdpx") else { throw UsageError(message: "--qdpx FILE is required") }
        let engine = try LexiconOptions.engine(args)
        let sources = TranscriptReader.sources(at: try CorpusArguments.paths(args.positional))
        var documents: [ExchangeDocument] = []
        var skipped = 0
        for source in sources {
            switch ExchangeDocument.read(source) {
            case .failure(let d):
                printError("tuiwei export: \(source.path): skipped: \(d.message)")
                skipped += 1
            case .success(let (document, text)):
                if !document.status.isAnalysed {
                    printError("tuiwei export: \(source.path): \(document.status)")
                    skipped += 1
                    continue
                }
                if document.calls.isEmpty { continue }
                documents.append(ExchangeDocument(document: document, text: text, answers: engine.analyse(document).answers))
            }
        }
        let bytes: [UInt8]
        do { bytes = try QDPXExport.package(documents).bytes() } catch {
            printError(Diagnostic(.error, file: out, error.message).description)
            return ExitStatus.dataError
        }
        guard FileManager.default.createFile(atPath: out, contents: Data(bytes)) else {
            printError(Diagnostic(.error, file: out, "cannot write the project file; check that its folder exists and is writable").description)
            return ExitStatus.dataError
        }
        let answers = documents.reduce(0) { $0 + $1.answers.count }
        let detections = documents.reduce(0) { $0 + $1.answers.reduce(0) { $0 + $1.score.detections.count } }
        printError("tuiwei export: wrote \(out): \(documents.count) source(s), \(answers) official turn(s), \(detections) detection(s)")
        return skipped == 0 ? ExitStatus.ok : ExitStatus.partial
    }
}

/// `tuiwei import --qdpx FILE`: a REFI-QDA project's codes, as corrected in QDA software, back
/// as gold judgements for `tuiwei eval`.
enum ImportCommand: Command {
    static let spec = CommandSpec(
        name: "import",
        synopsis: "tuiwei import --qdpx FILE [--out GOLD.jsonl]",
        summary: "Read a REFI-QDA project (.qdpx) back as gold JSON Lines for 'tuiwei eval' and 'tuiwei fit'.",
        options: [
            .value("--qdpx", "FILE", "The project file to read (stored or deflated zip, as QDA programs write)."),
            .value("--out", "GOLD.jsonl", "Write the gold records here (default: standard output)."),
        ],
        details: """
            Writes one record per official turn of every text source (doc, call, turn, starts, grade,
            codes, evidence), in the format of the gold files. A coded selection belongs to the
            official turn that holds its first character; codes are known by name (IGNORANCE …
            COMMIT, grade 0–3, ungraded), so added, removed and moved codings all count. Codes of
            other names, and selections in no official turn, are listed as warnings.
            """)

    static func run(_ args: ParsedArguments) async throws -> Int32 {
        guard let path = args.value("--qdpx") else { throw UsageError(message: "--qdpx FILE is required") }
        guard args.positional.isEmpty else { throw UsageError(message: "takes no positional arguments; the project is --qdpx FILE") }
        guard let data = FileManager.default.contents(atPath: path) else {
            printError(Diagnostic(.error, file: path, "cannot read the project file; check the path").description)
            return ExitStatus.dataError
        }
        let result: QDPXImport.Result
        do {
            result = try QDPXImport.gold(from: try ZipArchive(bytes: Array(data)), file: path)
        } catch let e as ZipError {
            printError(Diagnostic(.error, file: path, e.message).description)
            return ExitStatus.dataError
        } catch {
            printError(Diagnostic(.error, file: path, "\(error)").description)
            return ExitStatus.dataError
        }
        for w in result.warnings { printError(w.description) }
        let text = GoldWriter.jsonLines(result.records)
        if let out = args.value("--out") {
            guard FileManager.default.createFile(atPath: out, contents: Data(text.utf8)) else {
                printError(Diagnostic(.error, file: out, "cannot write the gold file; check that its folder exists and is writable").description)
                return ExitStatus.dataError
            }
            printError("tuiwei import: wrote \(out): \(result.records.count) official turn(s)")
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        return ExitStatus.ok
    }
}
