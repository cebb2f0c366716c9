import Foundation
import Testing
import TuiweiTestSupport
import TuiweiCore
@testable import TuiweiExchange
import TuiweiPipeline
import TuiweiTranscript
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The review loop: export a call's codes, change them as a researcher would in QDA software
/// (add, remove, move a coding; change a grade), import, and the gold says what was changed.
@Suite struct QDPXRoundTripTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let call000 = root + "/corpus/000_43baa8c35279a078.txt"

    static func exported(_ path: String) throws -> (document: ExchangeDocument, archive: ZipArchive) {
        let engine = try AnalysisEngine.load()
        let source = try #require(TranscriptReader.sources(at: [path]).first)
        let (document, text) = try ExchangeDocument.read(source).get()
        let d = ExchangeDocument(document: document, text: text, answers: engine.analyse(document).answers)
        return (d, try ZipArchive(bytes: try QDPXExport.package([d]).bytes()))
    }

    static func project(_ archive: ZipArchive) throws -> String {
        String(decoding: try #require(archive.entry(named: "project.qde")).data, as: UTF8.self)
    }

    static func replacingProject(_ archive: ZipArchive, with xml: String) throws -> ZipArchive {
        ZipArchive(entries: archive.entries.map { $0.name == "project.qde" ? .init(name: $0.name, data: Array(xml.utf8)) : $0 })
    }

    /// The `<PlainTextSelection …>…</PlainTextSelection>` element whose opening tag contains `marker`.
    static func selection(_ xml: String, _ marker: String) throws -> Range<String.Index> {
        try selection(xml, try #require(xml.range(of: marker)))
    }

    static func selection(_ xml: String, _ m: Range<String.Index>) throws -> Range<String.Index> {
        let open = try #require(xml.range(of: "<PlainTextSelection ", options: .backwards, range: xml.startIndex..<m.lowerBound))
        let close = try #require(xml.range(of: "</PlainTextSelection>\n", range: m.upperBound..<xml.endIndex))
        return open.lowerBound..<close.upperBound
    }

    static func positions(_ element: Substring) throws -> (Int, Int) {
        func attribute(_ name: String) throws -> Int {
            let r = try #require(element.range(of: "\(name)=\""))
            return try #require(Int(element[r.upperBound...].prefix { $0.isNumber }))
        }
        return (try attribute("startPosition"), try attribute("endPosition"))
    }

    @Test func unchangedProjectGivesTheToolsOwnCodesAndGrades() throws {
        let (d, archive) = try Self.exported(Self.call000)
        let result = try QDPXImport.gold(from: archive, file: "t.qdpx")
        #expect(result.warnings.isEmpty)
        #expect(result.records.count == d.answers.count)
        for (r, a) in zip(result.records, d.answers) {
            #expect(r.call == a.score.call && r.turn == a.score.officialTurn)
            #expect(r.grade == a.score.grade)
            #expect(r.codes == Set(a.score.detections.map(\.code)))
        }
        // Every record aligns with the parsed transcript, as `tuiwei eval` aligns it.
        let alignment = GoldAlignment(gold: result.records, documents: [d.document])
        #expect(alignment.misaligned.isEmpty)
        #expect(alignment.aligned.count == result.records.count)
    }

    /// A hang-up after the caller's last words is charged to the official turn before it, and its
    /// coding selects the event's words, not an empty span of that turn.
    @Test func aHangUpAfterTheCallersTurnSelectsTheEvent() throws {
        let folder = try TemporaryFolder("qdpx")
        defer { folder.remove() }
        let path = try folder.write("call.txt", """
        CLB：你好，请问是市总工会吗？
        工会：是的，你有什么事？
        CLB：我想问一下工厂欠薪的事情，你们会不会介入？
        工会：这个我不清楚。
        CLB：那应该找哪个部门呢？
        ——电话被挂断——

        """)
        let (d, archive) = try Self.exported(path)
        let answer = try #require(d.answers.last)
        #expect(answer.score.detections.contains { $0.code.rawValue == "TERMINATION" && $0.range.isEmpty })
        let xml = try Self.project(archive)
        let element = xml[try Self.selection(xml, "name=\"TERMINATION: ")]
        let (start, end) = try Self.positions(element)
        #expect(end - start == "——电话被挂断——".count)
    }

    @Test func addedRemovedAndMovedCodingsReachTheGold() throws {
        let (_, archive) = try Self.exported(Self.call000)
        let before = try QDPXImport.gold(from: archive, file: "t.qdpx").records
        func record(_ turn: Int, in records: [GoldRecord]) throws -> GoldRecord { try #require(records.first { $0.call == 1 && $0.turn == turn }) }
        let turn4 = try record(4, in: before)
        #expect(turn4.codes.isSuperset(of: [.ignorance, .jurisdiction]) && turn4.grade == 0)
        #expect(!(try record(5, in: before)).codes.contains(.commit))
        #expect(!(try record(6, in: before)).codes.contains(.jurisdiction))

        var xml = try Self.project(archive)
        // Remove: the IGNORANCE coding of official turn 4.
        xml.removeSubrange(try Self.selection(xml, "name=\"IGNORANCE: 不是太清楚\""))
        // Move: turn 4's JURISDICTION selections onto the first characters of turn 6.
        let turn6 = try Self.positions(xml[try Self.selection(xml, "name=\"call 1, official turn 6\"")])
        var movedCount = 0
        var from = xml.startIndex
        while let marker = xml.range(of: "name=\"JURISDICTION: ", range: from..<xml.endIndex) {
            let element = try Self.selection(xml, marker)
            from = element.upperBound
            guard xml[element].contains("call 1, official turn 4;") else { continue }
            let (oldStart, oldEnd) = try Self.positions(xml[element])
            let moved = String(xml[element])
                .replacingOccurrences(of: "startPosition=\"\(oldStart)\"", with: "startPosition=\"\(turn6.0)\"")
                .replacingOccurrences(of: "endPosition=\"\(oldEnd)\"", with: "endPosition=\"\(turn6.0 + 4)\"")
            xml.replaceSubrange(element, with: moved)
            from = xml.index(element.lowerBound, offsetBy: moved.count)
            movedCount += 1
        }
        #expect(movedCount >= 1)
        // Change a grade: turn 4 from grade 0 to grade 1.
        let grade = try Self.selection(xml, "name=\"call 1, official turn 4\"")
        xml.replaceSubrange(grade, with: xml[grade].replacingOccurrences(
            of: QDACodeBook.guid(grade: 0), with: QDACodeBook.guid(grade: 1)))
        // Add: a COMMIT selection in turn 5, and one coded with a code of the researcher's own.
        let turn5 = try Self.positions(xml[try Self.selection(xml, "name=\"call 1, official turn 5\"")])
        let mine = "0F0E0D0C-0B0A-4909-8807-060504030201"
        xml = xml.replacingOccurrences(of: "    </Codes>", with: "      <Code guid=\"\(mine)\" name=\"follow up\" isCodable=\"true\"/>\n    </Codes>")
        let added = """
                  <PlainTextSelection guid="11111111-2222-4333-8444-555555555555" startPosition="\(turn5.0 + 1)" endPosition="\(turn5.0 + 3)">
                    <Coding guid="11111111-2222-4333-8444-666666666666"><CodeRef targetGUID="\(QDACodeBook.guid(.commit))"/></Coding>
                    <Coding guid="11111111-2222-4333-8444-777777777777"><CodeRef targetGUID="\(mine)"/></Coding>
                  </PlainTextSelection>

            """
        let firstSelection = try #require(xml.range(of: "      <PlainTextSelection "))
        xml.insert(contentsOf: added, at: firstSelection.lowerBound)

        let changed = try QDPXImport.gold(from: try Self.replacingProject(archive, with: xml), file: "t.qdpx")
        let after = changed.records
        #expect(after.count == before.count)
        let new4 = try record(4, in: after)
        #expect(!new4.codes.contains(.ignorance))
        #expect(!new4.codes.contains(.jurisdiction))
        #expect(new4.grade == 1)
        #expect(new4.codes == turn4.codes.subtracting([.ignorance, .jurisdiction]))
        #expect((try record(5, in: after)).codes == (try record(5, in: before)).codes.union([.commit]))
        #expect((try record(6, in: after)).codes == (try record(6, in: before)).codes.union([.jurisdiction]))
        // Nothing else changed.
        for (a, b) in zip(after, before) where !(a.call == 1 && [4, 5, 6].contains(a.turn)) {
            #expect(a.codes == b.codes && a.grade == b.grade)
        }
        #expect(changed.warnings.contains { $0.message.contains("'follow up' is not a Tuiwei code") })

        // Written as gold, the records are read back by the gold reader unchanged.
        let text = GoldWriter.jsonLines(after)
        let parsed = GoldReader.parse(text: text, file: "gold.jsonl")
        #expect(parsed.diagnostics.isEmpty)
        #expect(parsed.records.map { [$0.document, "\($0.call)", "\($0.turn)", $0.starts, "\(String(describing: $0.grade))"] }
                == after.map { [$0.document, "\($0.call)", "\($0.turn)", $0.starts, "\(String(describing: $0.grade))"] })
        #expect(parsed.records.map(\.codes) == after.map(\.codes))
    }

    @Test func deflatedPackageOfATraditionalScriptTranscriptAligns() throws {
        let archive = try ZipArchive(bytes: try ZipArchiveTests.fixture("deflated-05-traditional.qdpx"))
        let result = try QDPXImport.gold(from: archive, file: "deflated.qdpx")
        #expect(result.records.count == 7)
        #expect(result.records.first?.codes == [.referral])
        let path = Self.root + "/Tests/Fixtures/dev/transcripts/05_tianjin-planning-bureau-caifanghan-demand_trad-variant_cnread.txt"
        let alignment = GoldAlignment(gold: result.records, documents: TranscriptReader.readDocuments(at: [path]))
        #expect(alignment.misaligned.isEmpty)
    }
}
