import Foundation
import Testing
import TuiweiCore
import TuiweiCorpus
import TuiweiTestSupport
@testable import TuiweiTranscript

/// A file read in passes gives the document the whole parse gives: the same calls, speakers,
/// roles, evidence, diagnostics and label decisions, whatever the layout.
@Suite struct StreamedTranscriptTests {
    static let root = ProjectLayout.root() ?? FileManager.default.currentDirectoryPath
    static let files: [String] = {
        let fm = FileManager.default
        let dirs = [root + "/corpus", root + "/Tests/Fixtures/dev/transcripts"]
        return dirs.flatMap { dir in
            ((try? fm.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".txt") }.sorted().map { dir + "/" + $0 }
        }
    }()

    /// The document a streamed read gives, its calls put back in.
    static func streamed(_ source: CorpusSource) -> Document? {
        guard let plan = StreamedTranscript.plan(source, minimumBytes: 1) else { return nil }
        var calls: [Call] = []
        var reader = plan.calls()
        while let c = reader.next() { calls.append(c) }
        #expect(calls.count == plan.callCount)
        return plan.document(with: calls)
    }

    @Test func everyTranscriptReadsAsTheWholeParseReadsIt() throws {
        #expect(Self.files.count >= 20)
        var streamedCount = 0
        for path in Self.files {
            let source = CorpusSource(id: (path as NSString).lastPathComponent, path: path)
            let whole = TranscriptReader.read(source)
            guard let streamed = Self.streamed(source) else {
                // Only a document that is no plain-UTF-8 dialogue of labelled turns (a reply
                // quoted under its question, say) is read whole.
                #expect(whole.kind != .transcript || whole.encoding != "UTF-8" || whole.calls.allSatisfy { $0.turns.allSatisfy { $0.label == nil } },
                        "\(path) was not streamed")
                continue
            }
            streamedCount += 1
            #expect(streamed == whole, "\(path)")
        }
        #expect(streamedCount >= 15)
    }

    @Test func aFileOfManyCallsReadsAsTheWholeParseReadsIt() throws {
        try TemporaryFolder.with("streamed") { tmp in
            // The last call is 150 lines of text without a label: warnings past the limit are counted.
            let text = manyCallsTranscript(calls: 400) + "第401通电话 某某区总工会\n" + String(repeating: "没有标签的文字\n", count: 150)
            let path = try tmp.write("many.txt", text)
            let source = CorpusSource(id: "many", path: path)
            let whole = TranscriptReader.read(source)
            #expect(whole.calls.count == 401)
            #expect(whole.diagnostics.contains { $0.message.hasPrefix("50 more warnings like this one") })
            let streamed = try #require(Self.streamed(source))
            #expect(streamed == whole)
        }
    }

    @Test func filesReadWholeAreNotPlanned() throws {
        try TemporaryFolder.with("streamed") { tmp in
            let dialogue = "CLB：请问工会管不管？\n工会：不管。\nCLB：为什么？\n工会：不清楚。\n"
            let small = try tmp.write("small.txt", dialogue)
            // Below the size given, in UTF-16, with a control byte, or no dialogue: read whole.
            #expect(StreamedTranscript.plan(CorpusSource(id: "s", path: small), minimumBytes: 1 << 20) == nil)
            #expect(StreamedTranscript.plan(CorpusSource(id: "s", path: small), minimumBytes: 1) != nil)
            let utf16 = try tmp.write("utf16.txt", bytes: encode(dialogue, to: "UTF-16LE"))
            #expect(StreamedTranscript.plan(CorpusSource(id: "u", path: utf16), minimumBytes: 1) == nil)
            let control = try tmp.write("control.txt", bytes: Array(dialogue.utf8) + [0x01])
            #expect(StreamedTranscript.plan(CorpusSource(id: "c", path: control), minimumBytes: 1) == nil)
            let prose = try tmp.write("prose.txt", "这是一篇新闻报道。\n工会召开会议。\n")
            #expect(StreamedTranscript.plan(CorpusSource(id: "p", path: prose), minimumBytes: 1) == nil)
        }
    }

    @Test func linesSplitInPiecesAsInWhole() throws {
        // Every line end, a character cut by the reader's piece boundary and a byte-order mark.
        try TemporaryFolder.with("lines") { tmp in
            let long = String(repeating: "工会职工维权", count: FileLines.pieceBytes / 18 + 7)
            let text = "甲\r\n乙\r丙\n\u{2028}丁\n\(long)\n\n戊"
            for (name, bytes) in [("plain", Array(text.utf8)), ("bom", [0xEF, 0xBB, 0xBF] + Array(text.utf8))] {
                let path = try tmp.write(name + ".txt", bytes: bytes)
                let reader = try #require(FileLines(path: path))
                var lines: [SourceLine] = []
                while let l = reader.next() { lines.append(l) }
                #expect(!reader.failed)
                let whole = SourceText(id: name, path: path, encoding: "UTF-8", text: text).lines
                #expect(lines.map(\.number) == whole.map(\.number))
                #expect(lines.map(\.scalars) == whole.map(\.scalars))
                #expect(reader.encoding == (name == "bom" ? "UTF-8 (BOM)" : "UTF-8"))
            }
            let bad = try tmp.write("bad.txt", bytes: Array("甲\n".utf8) + [0xFF, 0x0A])
            let reader = try #require(FileLines(path: bad))
            while reader.next() != nil {}
            #expect(reader.failed)
        }
    }

    /// Random texts of labels, headers, events, line ends and noise: any the passes plan read as
    /// the whole parse reads them, and the rest are read whole for a reason the parse shows.
    @Test func randomTextsReadAsTheWholeParseReadsThem() throws {
        try TemporaryFolder.with("random") { tmp in
            var rng = SplitMix64(seed: 20_261_204)
            var planned = 0
            for n in 0..<400 {
                let text = ParserPropertyTests.randomText(&rng) + ParserPropertyTests.randomText(&rng)
                guard !text.isEmpty else { continue }
                let path = try tmp.write("r\(n).txt", text)
                let source = CorpusSource(id: "r\(n)", path: path)
                let whole = TranscriptReader.read(source)
                if let streamed = Self.streamed(source) {
                    planned += 1
                    #expect(streamed == whole, "input: \(text.debugDescription)")
                    if streamed != whole { break }
                } else {
                    // Not planned: no dialogue of labelled turns, or not plain UTF-8 (a control byte).
                    #expect(whole.calls.allSatisfy { $0.turns.allSatisfy { $0.label == nil } } || whole.kind != .transcript
                            || text.unicodeScalars.contains { $0.value < 0x20 && !"\t\n\r\u{0C}".unicodeScalars.contains($0) },
                            "input: \(text.debugDescription)")
                }
            }
            #expect(planned >= 100)
        }
    }
}
