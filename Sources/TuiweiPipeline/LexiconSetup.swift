import Foundation
import TuiweiCore
import TuiweiLexicon
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
    public static func check(layout: LexiconLayout, extra: [String], defaults: Bool, dictionary: Bool = true) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func attempt(_ load: () throws -> Void) {
            do { try load() } catch let d as Diagnostic { out.append(d) } catch { out.append(Diagnostic(.error, file: layout[.scoring], "\(error)")) }
        }
        var folder = ScriptFolder()
        attempt { folder = try ScriptFolder.load(path: layout.scriptTable) }
        let paths = (defaults ? [layout.deflection] : []) + extra
        if !paths.isEmpty {
            out += Lexicon.validate(paths: paths, folder: folder, required: defaults ? [layout.deflection] : []).diagnostics
        }
        let scoring = layout.scoring
        attempt { _ = try ScoringWeights.load(path: layout.weights) }
        attempt { _ = try WordList.load(path: scoring + "/stopwords.txt") }
        attempt { _ = try TermTable.load(path: scoring + "/cues.tsv", categories: ScoringResources.cueCategories) }
        attempt { _ = try TermTable.load(path: scoring + "/orientation.tsv", categories: ScoringResources.orientationCategories) }
        out += BodyTable.lint(path: scoring + "/bodies.tsv", orientation: scoring + "/orientation.tsv",
                              fold: { [folder] in $0 >= 0x3400 ? folder.fold($0) : $0 })
        out += TranscriptConventions.check(directory: layout.transcript, folder: folder)
        if dictionary { attempt { _ = try Segmenter.load(directory: layout.dictionary) } }
        return out
    }
}
