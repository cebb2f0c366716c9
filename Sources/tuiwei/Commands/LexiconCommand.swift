import Foundation
import TuiweiCore
import TuiweiLexicon
import TuiweiPipeline
import TuiweiAggregates
import TuiweiScoring
import TuiweiTranscript

/// `tuiwei lexicon check|mine`: lint lexicon files, or propose new phrases from a corpus.
enum LexiconCommand: Command {
    static let spec = CommandSpec(
        name: "lexicon",
        synopsis: "tuiwei lexicon check [LEXICON…] | tuiwei lexicon mine [CORPUS…] [--top N] [--min-count N]",
        summary: "Check deflection lexicons for mistakes, or mine a corpus for phrases they miss.",
        options: LexiconOptions.specs + [
            LexiconOptions.weights,
            .value("--top", "N", "mine: how many candidates to list (default 40)."),
            .value("--min-count", "N", "mine: how often a phrase must occur in officials' turns (default 3)."),
        ],
        details: """
            check: with no LEXICON (or naming a copy of the whole lexicons/ folder, as --lexicons does),
            checks everything a run would load — the deflection lexicons plus any --lexicon, the
            scoring files and --weights, the transcript words, the folding table, the dictionary — with
            the readers the run uses, so a set-up passes here exactly when analyze and eval accept it.
            Lexicon entries are checked for syntax errors, unknown categories, duplicates, entries
            shadowed by another and entries that can never match. Named LEXICON files or folders are
            checked alone; a file named …bodies.tsv is checked as a bodies table (kinds, terms, follow
            lines), and a folder holding the transcript stage's files (roles.tsv, bodies.tsv, calls.tsv,
            labels.tsv) against their classes. Exit status 65 when there are errors.
            mine: lists whole words and phrases of words (cut where the segmenter cuts) frequent in
            officials' turns and rare in callers' turns and in articles (ranked by a smoothed log-odds
            z-score), that no entry matches yet, with examples.
            CORPUS defaults to the bundled corpus/.
            """)

    static func run(_ args: ParsedArguments) async throws -> Int32 {
        guard let sub = args.positional.first else {
            throw UsageError(message: "name what to do: check or mine")
        }
        let rest = Array(args.positional.dropFirst())
        switch sub {
        case "check": return try check(rest, args)
        case "mine": return try mine(rest, args)
        default: throw UsageError(message: "unknown action '\(sub)'; use check or mine")
        }
    }

    static func check(_ files: [String], _ args: ParsedArguments) throws -> Int32 {
        // With no files named (or a copy of the whole lexicons/ folder), the set-up a run would
        // use is checked exactly as the run loads it: what fails here fails there, and only that.
        if files.isEmpty || (files.count == 1 && LexiconOptions.isLexiconFolderCopy(files[0])) {
            var args = args
            if let copy = files.first {
                guard args.value("--lexicons") == nil else { throw UsageError(message: "name the folder to check once: as LEXICON or with --lexicons") }
                args.values["--lexicons"] = [copy]
            }
            let layout = try LexiconOptions.layout(args)
            _ = try LexiconOptions.paths(args, layout: layout)
            let checked = LexiconSetup.check(layout: layout, extra: args.all("--lexicon"), defaults: !args.flag("--no-default-lexicons"))
            return report(checked.diagnostics, files: checked.files)
        }
        var paths = files + args.all("--lexicon")
        let layout = try LexiconOptions.layout(args)
        let normaliser = (try? TextNormaliser.load(path: layout.scriptTable)) ?? TextNormaliser()
        // A folder of the transcript stage's words (lexicons/transcript) is checked against its own
        // schema, and bodies tables (`…bodies.tsv`) have a format of their own.
        let fm = FileManager.default
        func isTranscriptFolder(_ p: String) -> Bool {
            // bodies.tsv alone does not make one: the scoring folder has a file of that name too.
            TranscriptConventions.schema.keys.contains { $0 != "bodies.tsv" && fm.fileExists(atPath: p + "/" + $0) }
        }
        var transcriptFolders = paths.filter(isTranscriptFolder)
        paths.removeAll(where: isTranscriptFolder)
        // The transcript stage's bodies.tsv, named alone, is checked with its folder: it is not a bodies table.
        let transcriptFiles = paths.filter { $0.hasSuffix("bodies.tsv") && isTranscriptFolder(($0 as NSString).deletingLastPathComponent) }
        transcriptFolders += transcriptFiles.map { ($0 as NSString).deletingLastPathComponent }
        paths.removeAll { transcriptFiles.contains($0) }
        let bodyTables = paths.filter { $0.hasSuffix("bodies.tsv") }
        paths.removeAll { $0.hasSuffix("bodies.tsv") }
        var diagnostics = paths.isEmpty ? [] : LexiconLint.check(paths: paths, normaliser: normaliser)
        for table in bodyTables {
            diagnostics += BodyTable.lint(path: table, orientation: nil, normaliser: normaliser)
        }
        for dir in transcriptFolders { diagnostics += TranscriptConventions.check(directory: dir, normaliser: normaliser) }
        return report(diagnostics, files: (paths.isEmpty ? 0 : Lexicon.files(in: paths).count) + bodyTables.count
            + transcriptFolders.count * TranscriptConventions.schema.count)
    }

    /// Prints the diagnostics and a count; exit status 65 when one is an error.
    static func report(_ diagnostics: [Diagnostic], files: Int) -> Int32 {
        // Findings and the summary both go to standard error, as a compiler's do.
        for d in diagnostics { printError(d.description) }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        printError("tuiwei lexicon check: \(files) lexicon file(s): \(errors) error(s), \(warnings) warning(s)")
        return errors > 0 ? ExitStatus.dataError : ExitStatus.ok
    }

    static func mine(_ corpus: [String], _ args: ParsedArguments) throws -> Int32 {
        let (detection, conventions) = try LexiconOptions.load(args)
        let documents = TranscriptReader.readDocuments(at: try CorpusArguments.paths(corpus), conventions: conventions)
        let unread = CorpusArguments.reportUnread(documents, command: "lexicon mine")
        let miner = LexiconMiner(minimumCount: try args.integer("--min-count", in: 1...1000) ?? 3,
                                 limit: try args.integer("--top", in: 1...10000) ?? 40)
        let (found, officialCount, referenceCount) = detection.minePhrases(in: documents, miner: miner)
        print("score\tofficial\treference\tphrase\texample")
        for c in found {
            print(String(format: "%.2f", c.score) + "\t\(c.officialCount)\t\(c.referenceCount)\t\(c.phrase)\t\(c.examples.first ?? "")")
            for e in c.examples.dropFirst() { print("\t\t\t\t\(e)") }
        }
        printError("tuiwei lexicon mine: \(officialCount) official turns, \(referenceCount) reference texts; \(found.count) candidate(s) not covered by the lexicon")
        return unread ? ExitStatus.partial : ExitStatus.ok
    }
}

/// `--lexicons DIR`, `--lexicon PATH` (repeatable), `--no-default-lexicons` and `--weights FILE`,
/// shared by every command that reads the lexicons.
enum LexiconOptions {
    static let specs: [OptionSpec] = [
        .value("--lexicons", "DIR", "Use this copy of lexicons/: each part it holds (deflection/, scoring/, script/, transcript/, dictionary/) replaces the shipped one; the others come from lexicons/."),
        .value("--lexicon", "PATH", "Also use this lexicon file or folder of .tsv files (repeatable).", repeatable: true),
        .flag("--no-default-lexicons", "Leave out the deflection lexicons of lexicons/ (or of --lexicons DIR)."),
    ]
    /// For the commands that score.
    static let weights = OptionSpec.value("--weights", "FILE", "Score with this weights file instead of scoring/weights.tsv.")

    /// Where each part comes from; says on standard error which parts a copy lacks.
    static func layout(_ args: ParsedArguments) throws -> LexiconLayout {
        let layout = try LexiconLayout.resolve(copy: args.value("--lexicons"), weights: args.value("--weights"))
        if let note = layout.note { printError("note: \(note)") }
        return layout
    }

    /// The lexicon files and folders the options select.
    static func paths(_ args: ParsedArguments, layout: LexiconLayout) throws -> [String] {
        for extra in args.all("--lexicon") where isLexiconFolderCopy(extra) {
            throw UsageError(message: "'\(extra)' is a whole lexicon folder (it holds \(LexiconLayout.Part.allCases.filter { FileManager.default.fileExists(atPath: extra + "/" + $0.rawValue) }.map { $0.rawValue + "/" }.joined(separator: ", "))); give it as --lexicons \(extra), which uses each part it holds in place of the shipped one (--lexicon adds single lexicon files)")
        }
        var paths: [String] = []
        if !args.flag("--no-default-lexicons") { paths.append(layout.deflection) }
        paths += args.all("--lexicon")
        if paths.isEmpty {
            throw UsageError(message: "--no-default-lexicons needs at least one --lexicon PATH")
        }
        return paths
    }

    /// Whether `path` is a folder laid out as `lexicons/` is (it has a part's subfolder).
    static func isLexiconFolderCopy(_ path: String) -> Bool {
        LexiconLayout.Part.allCases.contains { part in
            var isDir: ObjCBool = false
            return FileManager.default.fileExists(atPath: path + "/" + part.rawValue, isDirectory: &isDir) && isDir.boolValue
        }
    }

    /// Loads the whole analysis engine (detector, segmenter, scoring files, transcript words) the
    /// options select; lexicon errors are printed one per line and end the command.
    static func engine(_ args: ParsedArguments) throws -> AnalysisEngine {
        let layout = try layout(args)
        _ = try paths(args, layout: layout)
        do {
            let engine = try AnalysisEngine.load(lexicons: args.all("--lexicon"), defaultLexicons: !args.flag("--no-default-lexicons"), layout: layout)
            for w in engine.detection.detector.lexicon.warnings { printError(w.description) }
            return engine
        } catch let e as LexiconError {
            throw LexiconLoadFailure(message: e.description)
        }
    }

    /// Loads the detector and the transcript words; lexicon errors are printed one per line and
    /// end the command.
    static func load(_ args: ParsedArguments) throws -> (detection: DeflectionDetection, conventions: TranscriptConventions) {
        let layout = try layout(args)
        _ = try paths(args, layout: layout)
        do {
            let detection = try DeflectionDetection.load(extra: args.all("--lexicon"), defaults: !args.flag("--no-default-lexicons"), layout: layout)
            for w in detection.detector.lexicon.warnings { printError(w.description) }
            let conventions = try TranscriptConventions.load(directory: layout.transcript, normaliser: detection.detector.lexicon.normaliser)
            return (detection, conventions)
        } catch let e as LexiconError {
            throw LexiconLoadFailure(message: e.description)
        }
    }

    /// The transcript words alone, for a command that detects nothing.
    static func conventions(_ args: ParsedArguments) throws -> TranscriptConventions {
        let layout = try layout(args)
        return try TranscriptConventions.load(directory: layout.transcript, normaliser: TextNormaliser.load(path: layout.scriptTable))
    }
}

/// Lexicon errors already formatted one per line (`file:line: error: …`).
struct LexiconLoadFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message + "\nfix the lines above (tuiwei lexicon check lists every problem)" }
}
