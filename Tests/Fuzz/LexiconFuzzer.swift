// libFuzzer entry point: any bytes as a lexicon file. Reading must never crash; a file either
// loads whole or yields diagnostics that name a line; loaded patterns must compile into the
// automaton and run over text (the input itself, as a turn) without crashing, and every
// detection must lie inside the text.
import TuiweiCore

/// Built once: the folding table is the same for every input.
let fuzzNormaliser = TextNormaliser()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLexicon(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let (entries, diagnostics) = Lexicon.parse(text: text, file: "fuzz.tsv", normaliser: fuzzNormaliser)
    for d in diagnostics where d.line == nil || d.file != "fuzz.tsv" {
        fatalError("a lexicon diagnostic without its line: \(d)")
    }
    guard diagnostics.isEmpty, !entries.isEmpty else { return 0 }
    let detector = Detector(lexicon: Lexicon(entries: entries, normaliser: fuzzNormaliser))
    let passage = Passage(text: text, map: SourceMap(document: "fuzz", pieces: [.init(offset: 0, line: 1, column: 1, length: text.unicodeScalars.count)]))
    let turn = Turn(index: 0, speaker: 0, role: .official, passage: passage, attribution: .label)
    let length = text.unicodeScalars.count
    for d in detector.detect(in: turn) where d.range.lowerBound < 0 || d.range.upperBound > length {
        fatalError("detection outside the text: \(d.range) of \(length)")
    }
    return 0
}
