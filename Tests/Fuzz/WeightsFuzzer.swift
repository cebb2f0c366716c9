// libFuzzer entry point: any bytes as weights.tsv. Reading must never crash: the file either
// loads or yields one diagnostic naming the weights file and a line; loaded weights must score
// a call and summarise it (grades, bootstrap intervals, aggregates) without trapping, with every
// score within 0–100 and every interval finite and ordered.
import Foundation
import TuiweiCore

/// Built once: the shipped scoring files other than the weights, and a short call to score.
let fuzzScoring: ScoringResources = {
    let dir = ProjectLayout.lexiconsDirectory()! + "/scoring"
    return try! ScoringResources.load(directory: dir)
}()
let fuzzCall = TranscriptParser.parse(SourceText(id: "w", path: "w.txt", encoding: "UTF-8", text: """
    第一通电话：东城区总工会办公室
    ＣＬＢ：您好，请问是东城区总工会吗？
    东城区总工会：对，是的。
    ＣＬＢ：我想问一下，你们去年一共处理了多少起拖欠工资的投诉？
    东城区总工会：这个我不太清楚，你去问劳动监察大队吧，我们这里管不了。
    ＣＬＢ：那你们工会有没有帮工人讨薪？
    东城区总工会：有的，我们去年帮助三百多名工人讨回了工资，一共两百万元。
    ＣＬＢ：好的，谢谢。
    东城区总工会：不客气，再见。
    """))

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWeights(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let weights: ScoringWeights
    do { weights = try ScoringWeights.parse(text, file: "weights.tsv") } catch {
        if error.file != "weights.tsv" || error.severity != .error { fatalError("a weights diagnostic about another file: \(error)") }
        return 0
    }
    let resources = fuzzScoring.with(weights: weights)
    let calls = fuzzCall.calls.map { call in
        CallAnalysis(call: call, turns: call.turns.map {
            TurnAnalysis(turn: $0.index, tokens: [], words: $0.text.unicodeScalars.map { String($0) }, detections: [])
        })
    }
    let analysis = CorpusAnalysis.analysing(fuzzCall, calls: calls, paragraphWords: [], scorer: AnswerScorer(resources: resources))
    for a in analysis.answers where !(0...100).contains(a.score.score) {
        fatalError("a score outside 0–100: \(a.score.score)")
    }
    let summary = CorpusSummary(analysis, resources: resources)
    if let m = summary.overall.mean, !(m.low <= m.high && m.low.isFinite && m.high.isFinite && m.mean.isFinite) {
        fatalError("an interval that is not an interval: \(m)")
    }
    return 0
}
