import Foundation
import Testing
import TuiweiCore
@testable import TuiweiTranscript

/// The development set (`Tests/Fixtures/dev`): real excerpts in layouts the bundled corpus lacks,
/// with what two careful readers found in each. Every speaker must be found on the right side with
/// the right official status, the turns counted within the readers' bounds, and every official
/// answer of the gold read as an official turn.
@Suite struct DevSetTests {
    static let root = (ProjectLayout.root() ?? FileManager.default.currentDirectoryPath) + "/Tests/Fixtures/dev"

    struct Expected: Sendable, CustomTestStringConvertible {
        struct Speaker: Sendable { let labels: [String]; let side: String?; let official: Bool? }
        let file: String
        let speakers: [Speaker]
        let hasTurns: Bool
        let minTurns: Int?
        let maxTurns: Int?
        var testDescription: String { file }
    }

    static let expected: [Expected] = {
        guard let data = FileManager.default.contents(atPath: root + "/expected.json"),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [] }
        return json.keys.sorted().compactMap { file -> Expected? in
            guard let o = json[file] as? [String: Any] else { return nil }
            let speakers = (o["speakers"] as? [[String: Any]] ?? []).map {
                Expected.Speaker(labels: $0["labels"] as? [String] ?? [], side: $0["side"] as? String, official: $0["official"] as? Bool)
            }
            return Expected(file: file, speakers: speakers, hasTurns: o["has_turns"] as? Bool ?? true,
                            minTurns: o["min_turns"] as? Int, maxTurns: o["max_turns"] as? Int)
        }
    }()

    /// A label with white space and punctuation removed, the form `expected.json` lists.
    static func bare(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.filter {
            switch $0.properties.generalCategory {
            case .spaceSeparator, .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
                 .initialPunctuation, .finalPunctuation, .otherPunctuation, .control: false
            default: $0 != "\u{FEFF}"
            }
        }))
    }

    static func parse(_ file: String) throws -> Document {
        let text = try String(contentsOfFile: root + "/transcripts/" + file, encoding: .utf8)
        return TranscriptReader.parse(text: text, id: (file as NSString).deletingPathExtension, path: file)
    }

    @Test func theWholeSetIsThere() {
        #expect(Self.expected.count == 17)
    }

    @Test(arguments: expected)
    func speakersSidesAndTurns(_ e: Expected) throws {
        let d = try Self.parse(e.file)
        #expect(d.status == .analysed)
        let speakers = d.calls.flatMap(\.speakers)
        for want in e.speakers {
            let labels = Set(want.labels.map(Self.bare))
            let found = speakers.first { s in ([s.label] + s.aliases).contains { labels.contains(Self.bare($0)) } }
            let s = try #require(found, "\(e.file): no speaker labelled \(want.labels)")
            if let side = want.side { #expect(s.side.rawValue == side, "\(e.file): \(s.label) is on side \(s.side.rawValue)") }
            if let official = want.official { #expect(s.isOfficial == official, "\(e.file): \(s.label) official \(s.isOfficial)") }
        }
        let turns = d.calls.reduce(0) { $0 + $1.turns.filter { $0.attribution != .quoted }.count }
        if e.hasTurns {
            #expect((e.minTurns ?? 1)...(e.maxTurns ?? Int.max) ~= turns, "\(e.file): \(turns) turns")
        } else {
            #expect(d.calls.contains { $0.turns.contains { $0.role == .official } }, "\(e.file): the reply is not read as an answer")
        }
    }

    static let goldFiles: [String] = {
        ((try? FileManager.default.contentsOfDirectory(atPath: root + "/gold")) ?? []).filter { $0.hasSuffix(".jsonl") }.sorted()
    }()

    @Test(arguments: goldFiles)
    func everyGoldAnswerIsAnOfficialTurn(_ goldFile: String) throws {
        let d = try Self.parse((goldFile as NSString).deletingPathExtension + ".txt")
        let text = try String(contentsOfFile: Self.root + "/gold/" + goldFile, encoding: .utf8)
        for line in text.split(separator: "\n") where !line.isEmpty {
            let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let call = try #require(o["call"] as? Int), turn = try #require(o["turn"] as? Int), starts = try #require(o["starts"] as? String)
            let c = try #require(d.calls.first { $0.index == call }, "\(goldFile): no call \(call)")
            let officials = c.officialTurns
            try #require(turn <= officials.count, "\(goldFile): call \(call) has \(officials.count) official turns, gold turn \(turn)")
            #expect(Self.bare(officials[turn - 1].text).hasPrefix(Self.bare(starts)), "\(goldFile) \(call)/\(turn): '\(officials[turn - 1].text.prefix(12))'")
        }
    }

    /// The parser's account of every non-blank character holds on every layout of the set.
    @Test(arguments: expected)
    func nothingIsLost(_ e: Expected) throws {
        let text = try String(contentsOfFile: Self.root + "/transcripts/" + e.file, encoding: .utf8)
        let d = try Self.parse(e.file)
        #expect(Accounting.nonBlankScalars(in: d) == Accounting.nonBlankScalars(in: text))
    }
}
