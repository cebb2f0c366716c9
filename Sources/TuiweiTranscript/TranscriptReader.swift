import TuiweiCore
import TuiweiCorpus

/// The transcript stage's entry points: from paths or text to `Document`s.
public enum TranscriptReader {
    /// The documents under `paths` (files; directories recursively, `.txt`; `-` = stdin), in a
    /// deterministic order, not yet read: lets a caller stream a large corpus.
    public static func sources(at paths: [String]) -> [CorpusSource] {
        CorpusSources.find(paths)
    }

    /// Reads, decodes, normalises and parses one source. A file that cannot be used comes back
    /// as a skipped document whose status says why; it is never dropped.
    /// - Parameter conventions: the transcript stage's words (a copied `lexicons/transcript`, or the shipped ones).
    public static func read(_ source: CorpusSource, conventions: TranscriptConventions = .standard) -> Document {
        switch text(of: source) {
        case .failure(let skipped): return skipped.document
        case .success(let src): return TranscriptParser.parse(src, conventions: conventions)
        }
    }

    /// A source that cannot be read, as the document that says why.
    struct Unreadable: Error { let document: Document }

    /// The source's lines. The file's bytes and its decoded text are let go here, before the
    /// parse, which for a large file would otherwise hold them beside the lines.
    static func text(of source: CorpusSource) -> Result<SourceText, Unreadable> {
        let bytes: [UInt8]
        do { bytes = try CorpusSources.bytes(of: source) } catch let d as Diagnostic {
            return .failure(Unreadable(document: .skipped(id: source.id, path: source.path, reason: d.message)))
        } catch {
            return .failure(Unreadable(document: .skipped(id: source.id, path: source.path, reason: "\(error)")))
        }
        switch TextDecoder.decode(bytes) {
        case .failure(let failure):
            return .failure(Unreadable(document: .skipped(id: source.id, path: source.path, reason: failure.description)))
        case .success(let decoded):
            return .success(SourceText(id: source.id, path: source.path, encoding: decoded.encoding,
                                       text: decoded.text, warnings: source.notes + decoded.warnings))
        }
    }

    /// Every document under `paths`, each with its status.
    public static func readDocuments(at paths: [String], conventions: TranscriptConventions = .standard) -> [Document] {
        sources(at: paths).map { read($0, conventions: conventions) }
    }

    /// Parses text already in memory.
    public static func parse(text: String, id: String, path: String) -> Document {
        TranscriptParser.parse(SourceText(id: id, path: path, encoding: "UTF-8", text: text))
    }

    /// Calls in one document that repeat a call of another (an excerpt), so they count once.
    public static func duplicates(in documents: [Document]) -> [DuplicateLink] {
        DuplicateCalls.find(in: documents)
    }
}
