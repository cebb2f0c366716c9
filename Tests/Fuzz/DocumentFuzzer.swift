// libFuzzer entry point: any bytes as a document. Decoding and parsing must never crash, and
// every non-blank character must be accounted for in the parsed structure.
import TuiweiCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDocument(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard case .success(let decoded) = TextDecoder.decode(bytes) else { return 0 }
    let source = SourceText(id: "fuzz", path: "fuzz", encoding: decoded.encoding, text: decoded.text)
    let document = TranscriptParser.parse(source)
    let expected = source.lines.reduce(0) { $0 + $1.content.filter { !Folding.isSpace($0) }.count }
    if accounted(document) != expected {
        fatalError("characters lost or duplicated: expected \(expected), accounted \(accounted(document))")
    }
    _ = DuplicateCalls.find(in: [document, document])
    return 0
}

func accounted(_ d: Document) -> Int {
    func n(_ s: String) -> Int { s.unicodeScalars.filter { !Folding.isSpace($0) && $0 != "\n" }.count }
    var total = d.preamble.reduce(0) { $0 + n($1.text) } + d.paragraphs.reduce(0) { $0 + n($1.text) }
    total += d.noise.reduce(0) { $0 + n($1.text) }
    for c in d.calls {
        total += n(c.header?.text ?? "")
        total += c.turns.reduce(0) { $0 + n($1.text) + n($1.label?.text ?? "") }
        total += c.events.reduce(0) { $0 + n($1.passage.text) }
        total += c.unattributed.reduce(0) { $0 + n($1.text) }
    }
    return total
}
