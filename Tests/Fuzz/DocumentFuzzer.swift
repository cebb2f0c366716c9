// libFuzzer entry point: any bytes as a document. Decoding and parsing must never crash, and
// every non-blank character must be accounted for in the parsed structure.
import TuiweiCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDocument(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard case .success(let decoded) = TextDecoder.decode(bytes) else { return 0 }
    let source = SourceText(id: "fuzz", path: "fuzz", encoding: decoded.encoding, text: decoded.text)
    let document = TranscriptParser.parse(source)
    let expected = Accounting.nonBlankScalars(in: decoded.text)
    let accounted = Accounting.nonBlankScalars(in: document)
    if accounted != expected {
        fatalError("characters lost or duplicated: expected \(expected), accounted \(accounted)")
    }
    _ = DuplicateCalls.find(in: [document, document])
    return 0
}
