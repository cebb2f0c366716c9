import TuiweiCore
import TuiweiCorpus

/// A transcript file too large to hold parsed, read in passes over its lines: the first finds
/// its labels and line widths, the second its calls' speakers and what is said of them, and each
/// later pass hands on its calls one at a time. Memory holds what the document's decisions
/// need and one call, not the file. The document and its calls are those `TranscriptParser`
/// reads from the file held whole, made by the same steps in the same order.
public struct StreamedTranscript: Sendable {
    public let source: CorpusSource
    /// The document without its calls: preamble, noise, diagnostics and label decisions.
    public let shell: Document
    /// How many calls `calls()` gives.
    public let callCount: Int
    let labels: LabelSet
    let layout: Layout
    let assembly: CallAssembly
    let conventions: TranscriptConventions

    /// Files this large or larger are read in passes by a streaming run.
    public static let defaultMinimumBytes = 64 << 20

    /// The plan of `source`'s calls, read in two passes; nil when the file is smaller than
    /// `minimumBytes`, is no plain UTF-8 text or is no dialogue, and should be read whole.
    public static func plan(_ source: CorpusSource, conventions: TranscriptConventions = .standard,
                            minimumBytes: Int = defaultMinimumBytes) -> StreamedTranscript? {
        guard source.problem == nil, source.held == nil, source.path != "-",
              let size = CorpusSources.fileSize(source.path), size >= max(1, minimumBytes) else { return nil }
        // First pass: labels and widths.
        guard let first = FileLines(path: source.path) else { return nil }
        var widths = Layout.Widths()
        var discovery = LabelSet.Discovery(conventions: conventions, keepsCandidates: false)
        while let line = first.next() {
            guard TranscriptParser.isContent(line) else { continue }
            widths.add(line)
            discovery.add(line)
        }
        guard !first.failed else { return nil }
        let labels = discovery.finish()
        guard !labels.isEmpty else { return nil }
        let layout = widths.layout
        // Second pass: the calls' drafts, each let go once its evidence is taken.
        guard let second = FileLines(path: source.path) else { return nil }
        var noise: [NoiseLine] = []
        var builder = TranscriptBuilder(document: source.id, path: source.path, labels: labels, layout: layout, conventions: conventions)
        var evidence = DocumentEvidence(labels: labels, conventions: conventions)
        while let line = second.next() {
            if line.isBlank { continue }
            if line.isBarePageNumber {
                noise.append(NoiseLine(kind: .pageNumber, line: line.number, text: line.contentString))
                continue
            }
            builder.feed(line)
            if !builder.ready.isEmpty { for d in builder.takeReady() { evidence.add(d) } }
        }
        guard !second.failed else { return nil }
        builder.finish()
        for d in builder.takeReady() { evidence.add(d) }
        guard evidence.isDialogue else { return nil }
        let preamble = builder.preamble()
        let calls = evidence.calls
        let diagnostics = source.notes.map { Diagnostic(.warning, file: source.path, $0) } + builder.diagnostics
        let shell = Document(id: source.id, path: source.path, kind: .transcript, status: .analysed, encoding: second.encoding,
                             preamble: preamble, noise: noise, diagnostics: diagnostics, labels: labels.decisions)
        return StreamedTranscript(source: source, shell: shell, callCount: calls, labels: labels, layout: layout,
                                  assembly: evidence.judge(preamble: preamble), conventions: conventions)
    }

    /// The document with `calls` (some of its calls, or all) put back in.
    public func document(with calls: [Call]) -> Document {
        let s = shell
        return Document(id: s.id, path: s.path, kind: s.kind, status: s.status, encoding: s.encoding, preamble: s.preamble,
                        calls: calls, paragraphs: s.paragraphs, noise: s.noise, diagnostics: s.diagnostics, labels: s.labels)
    }

    /// The calls, read again from the file, one at a time.
    public func calls() -> Calls { Calls(self) }

    /// The document's calls in order; nil once they are all given, or if the file can no
    /// longer be read as it was.
    public struct Calls: IteratorProtocol {
        private let plan: StreamedTranscript
        private let lines: FileLines?
        private var builder: TranscriptBuilder
        private var ready: [CallDraft] = []
        private var at = 0
        private var made = 0
        private var ended = false

        init(_ plan: StreamedTranscript) {
            self.plan = plan
            lines = FileLines(path: plan.source.path)
            builder = TranscriptBuilder(document: plan.source.id, path: plan.source.path, labels: plan.labels,
                                        layout: plan.layout, conventions: plan.conventions)
        }

        public mutating func next() -> Call? {
            while at == ready.count {
                guard !ended, let lines else { return nil }
                ready = []
                at = 0
                if let line = lines.next() {
                    if TranscriptParser.isContent(line) { builder.feed(line) }
                } else {
                    builder.finish()
                    ended = true
                }
                if !builder.ready.isEmpty { ready = builder.takeReady() }
            }
            defer { at += 1 }
            made += 1
            guard made <= plan.callCount else { return nil }
            return plan.assembly.makeCall(index: made, draft: ready[at])
        }
    }
}
