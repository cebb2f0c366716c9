import Foundation
import TuiweiCore
import TuiweiLexicon
import TuiweiAggregates
import TuiweiScoring
import TuiweiSegmentation
import TuiweiTranscript

/// Every problem of the data a run would load, through the same readers the run loads it with:
/// `tuiwei lexicon check` lists these, and `AnalysisEngine.load` refuses exactly the set-ups
/// with an error among them.
public enum LexiconSetup {
    /// - Parameters:
    ///   - layout: where each part comes from.
    ///   - extra: lexicon files and folders added with `--lexicon`.
    ///   - defaults: whether the layout's deflection part is used (`--no-default-lexicons` leaves it out).
    ///   - dictionary: whether to load the segmentation dictionary too (slow the first time a
    ///     copied dictionary is read).
    /// - Returns: the problems, and how many files were read.
    public static func check(layout: LexiconLayout, extra: [String], defaults: Bool, dictionary: Bool = true) -> (diagnostics: [Diagnostic], files: Int) {
        var out: [Diagnostic] = []
        func attempt(_ load: () throws -> Void) {
            do { try load() } catch let d as Diagnostic { out.append(d) } catch { out.append(Diagnostic(.error, file: layout.copy ?? "lexicons", "\(error)")) }
        }
        var normaliser = TextNormaliser()
        var files = 1 + ScoringResources.FileName.all.count + TranscriptConventions.schema.count
        attempt { normaliser = try TextNormaliser.load(path: layout.scriptTable) }
        let paths = (defaults ? [layout.deflection] : []) + extra
        if !paths.isEmpty {
            let lexicon = Lexicon.validate(paths: paths, normaliser: normaliser, required: defaults ? [layout.deflection] : [])
            out += lexicon.diagnostics
            files += lexicon.files.count
        }
        out += ScoringResources.check(directory: layout.scoring, weights: layout.weights,
                                      transcriptBodies: layout.transcript + "/bodies.tsv",
                                      normaliser: normaliser)
        out += TranscriptConventions.check(directory: layout.transcript, normaliser: normaliser)
        if dictionary {
            attempt { _ = try Segmenter.load(directory: layout.dictionary) }
            files += 2
        }
        return (out, files)
    }
}
