// libFuzzer entry point: any bytes as a user dictionary (jieba's `word [freq] [tag]` lines).
// Loading must never crash: the words are added, or one diagnostic names the file and line;
// a segmenter with the words added must then segment the input itself, as text, into tokens
// that lie inside it, in order, without overlap, covering every character that is not white space.
import Foundation
import TuiweiCore

/// Built once: a segmenter over the first few thousand words of the shipped dictionary, small
/// enough that each input's copy of it is cheap.
let fuzzSegmenter: Segmenter = {
    let lexicons = ProjectLayout.lexiconsDirectory()!
    let dir = NSTemporaryDirectory() + "tuiwei-fuzz-dict-\(getpid())"
    try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    // The segmenter holds what it read; the folder is not needed after loading.
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let words = try! String(contentsOfFile: lexicons + "/dictionary/jieba-dict.txt", encoding: .utf8)
        .split(separator: "\n").prefix(4000).joined(separator: "\n") + "\n"
    try! words.write(toFile: dir + "/" + Segmenter.dictionaryFileName, atomically: true, encoding: .utf8)
    try? FileManager.default.removeItem(atPath: dir + "/" + Segmenter.modelFileName)
    try! FileManager.default.copyItem(atPath: lexicons + "/dictionary/" + Segmenter.modelFileName, toPath: dir + "/" + Segmenter.modelFileName)
    return try! Segmenter.load(directory: dir, cacheDirectory: nil)
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzUserDictionary(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var segmenter = fuzzSegmenter
    do {
        for w in try segmenter.addUserDictionary(bytes: bytes, file: "user.dict") where w.file != "user.dict" {
            fatalError("a warning about another file: \(w)")
        }
    } catch let d as Diagnostic {
        if d.file != "user.dict" || d.line == nil && size > 0 && d.message.contains("line") { fatalError("a diagnostic without its file and line: \(d)") }
        return 0
    } catch {
        fatalError("an error that is not a diagnostic: \(error)")
    }
    let text = String(decoding: bytes, as: UTF8.self)
    let scalars = Array(text.unicodeScalars)
    for options in [Segmenter.Options(), Segmenter.Options(hmm: false, separateMeasureWords: false)] {
        var end = 0
        var covered = 0
        for t in segmenter.tokens(in: text, options: options) {
            let r = t.scalarRange
            if r.lowerBound < end || r.upperBound > scalars.count || r.isEmpty {
                fatalError("token \(r) out of order or outside \(scalars.count) scalars")
            }
            end = r.upperBound
            covered += r.count
        }
        // White space and the invisible marks (zero-width spaces and joiners, the byte-order mark).
        let visible = scalars.filter { !$0.properties.isWhitespace && !(0x200B...0x200D).contains($0.value) && $0.value != 0xFEFF }.count
        if covered < visible { fatalError("\(visible - covered) characters left out of the tokens") }
    }
    return 0
}
