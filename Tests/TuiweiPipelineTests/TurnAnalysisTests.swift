import Testing
import TuiweiCore
import TuiweiCorpus
import TuiweiPipeline
import TuiweiTranscript

/// The one per-turn path: every command reads a turn's words and detections from
/// `DeflectionDetection.analyse(_:)`, and events are charged by `Call.officialTurn(before:)`.
@Suite struct TurnAnalysisTests {
    static let engine = try! AnalysisEngine.load()

    static func document(_ text: String, id: String = "t") -> Document {
        TranscriptParser.parse(SourceText(id: id, path: "\(id).txt", encoding: "UTF-8", text: text), conventions: engine.conventions)
    }

    static let simplified = """
        第一通电话：东城区总工会办公室
        ＣＬＢ：请问你们去年处理了多少起拖欠工资的投诉？
        东城区总工会：这个我不太清楚，你去问劳动监察大队吧。
        ＣＬＢ：那你们工会有没有帮工人讨薪？
        东城区总工会：这个问题我们没有权力回答。
        """

    @Test func aTurnInTraditionalScriptIsReadAsItsSimplifiedForm() throws {
        let traditional = """
            第一通電話：東城區總工會辦公室
            ＣＬＢ：請問你們去年處理了多少起拖欠工資的投訴？
            東城區總工會：這個我不太清楚，你去問勞動監察大隊吧。
            ＣＬＢ：那你們工會有沒有幫工人討薪？
            東城區總工會：這個問題我們沒有權力回答。
            """
        let a = Self.engine.detection.analyse(Self.document(Self.simplified))
        let b = Self.engine.detection.analyse(Self.document(traditional))
        try #require(a.count == 1 && b.count == 1)
        let official = a[0].call.turns.filter { $0.role == .official }.map(\.index)
        try #require(official.count == 2)
        for i in official {
            #expect(!a[0].turns[i].detections.isEmpty)
            #expect(a[0].turns[i].words == b[0].turns[i].words, "words are folded to simplified script")
            #expect(a[0].turns[i].tokens == b[0].turns[i].tokens)
            #expect(a[0].turns[i].detections.map(\.code) == b[0].turns[i].detections.map(\.code))
            #expect(a[0].turns[i].detections.map(\.range) == b[0].turns[i].detections.map(\.range))
        }
        // The evidence is quoted as written.
        #expect(b[0].turns[official[0]].detections.contains { $0.text.contains("清楚") })
    }

    @Test func theQuestionsWordsAreTheWordsOfTheJoinedQuestion() throws {
        let root = try #require(ProjectLayout.root())
        let documents = TranscriptReader.readDocuments(at: [root + "/corpus", root + "/Tests/Fixtures/dev/transcripts"])
        var compared = 0
        for d in documents where d.status.isAnalysed {
            for analysis in Self.engine.detection.analyse(d) {
                for ex in analysis.call.exchanges where !ex.callerTurns.isEmpty {
                    #expect(analysis.questionWords(of: ex) == Self.engine.detection.words(in: analysis.call.question(of: ex)),
                            "\(d.id) call \(analysis.call.index) exchange \(ex.index)")
                    compared += 1
                }
            }
        }
        #expect(compared > 100)
    }

    @Test func analyseAndTheScoresAgreeOnEveryOfficialTurnsDetections() throws {
        let d = Self.document(Self.simplified)
        let calls = Self.engine.detection.analyse(d)
        let answers = Self.engine.analyse(d).answers
        try #require(answers.count == 2)
        for a in answers {
            let turn = calls[0].turns[a.score.turn]
            #expect(!turn.detections.isEmpty)
            #expect(Set(turn.detections.map(\.code)).isSubset(of: Set(a.score.detections.map(\.code))))
            #expect(a.words == turn.words)
        }
    }

    @Test func anEventIsChargedToTheLastOfficialTurnAtOrBeforeIt() throws {
        let d = Self.document("""
            第一通电话：东城区总工会办公室
            ＣＬＢ：请问你们去年处理了多少起拖欠工资的投诉？
            东城区总工会：这个我不太清楚。
            ＣＬＢ：那谁清楚呢？
            （电话被挂断）
            """)
        let call = try #require(d.calls.first)
        let hangUp = try #require(call.events.first)
        let charged = try #require(call.officialTurn(before: hangUp))
        #expect(charged.role == .official && charged.text.contains("不太清楚"))
        #expect(hangUp.afterTurn != charged.index, "the hang-up follows the caller's turn")
        // The same rule gives the event's code, the hang-up count and the score's event feature.
        let analysis = Self.engine.detection.analyse(d)[0]
        #expect(analysis.turns[charged.index].detections.contains { $0.code == .termination })
        let answer = try #require(Self.engine.analyse(d).answers.first { $0.score.turn == charged.index })
        #expect(answer.hangUps == 1)
        #expect(answer.score.contributions.contains { $0.feature == "event.hang-up" })
    }

    @Test func anEventBeforeAnyOfficialTurnIsChargedToNone() {
        let caller = Turn(index: 0, speaker: 0, role: .caller, passage: Passage(text: "喂？", map: SourceMap(document: "t", pieces: [])), attribution: .label)
        let event = Event(kind: .hangUp, passage: Passage(text: "（挂断）", map: SourceMap(document: "t", pieces: [])), afterTurn: 0)
        let call = Call(index: 1, header: nil, organisation: nil, department: nil, person: nil, speakers: [], turns: [caller],
                        events: [event], exchanges: [], unattributed: [])
        #expect(call.officialTurn(before: event) == nil)
        #expect(call.officialTurn(before: Event(kind: .hangUp, passage: event.passage, afterTurn: nil)) == nil)
    }
}
