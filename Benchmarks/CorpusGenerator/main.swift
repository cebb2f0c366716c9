// Writes N synthetic call transcripts by recombining real exchanges from the bundled corpus, so
// that text statistics (vocabulary, turn lengths, deflection phrases) stay realistic.
//
//   CorpusGenerator --count N --out DIR [--seed S] [--source DIR] [--articles K]
//
// Each document holds one or two calls to a made-up organisation, with 6–18 exchanges drawn at
// random from the real calls, wrapped at 35 characters a line with blank lines between, like the
// PDF exports the tool is built for. Files are spread over subfolders of 1,000.
import Foundation
import TuiweiCore
import TuiweiTranscript

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("CorpusGenerator: \(message)\n".utf8))
    exit(64)
}

var count = 1000
var out = ""
var seed: UInt64 = 1
var source = ProjectLayout.corpusDirectory() ?? "corpus"
var articles = 0
var args = CommandLine.arguments.dropFirst().makeIterator()
while let a = args.next() {
    func value() -> String { guard let v = args.next() else { fail("\(a) needs a value") }; return v }
    switch a {
    case "--count": guard let n = Int(value()), n > 0 else { fail("--count takes a positive whole number") }; count = n
    case "--out": out = value()
    case "--seed": guard let s = UInt64(value()) else { fail("--seed takes a whole number") }; seed = s
    case "--source": source = value()
    case "--articles": guard let n = Int(value()), n >= 0 else { fail("--articles takes a whole number") }; articles = n
    case "--help", "-h":
        print("USAGE: CorpusGenerator --count N --out DIR [--seed S] [--source DIR] [--articles K]"); exit(0)
    default: fail("unknown option '\(a)'")
    }
}
if out.isEmpty { fail("--out DIR is required") }

let documents = TranscriptReader.readDocuments(at: [source])
var exchanges: [[(caller: Bool, text: String)]] = []
var articleParagraphs: [String] = []
for d in documents {
    articleParagraphs += d.paragraphs.map(\.text)
    for c in d.calls {
        for e in c.exchanges where !e.callerTurns.isEmpty && !e.officialTurns.isEmpty {
            exchanges.append((e.callerTurns + e.officialTurns).map { (c.turns[$0].role == .caller, c.turns[$0].text) })
        }
    }
}
if exchanges.isEmpty { fail("no exchanges found in \(source)") }

let places = ["东城", "西城", "南山", "北辰", "江岸", "河西", "青山", "白云", "红旗", "长宁", "新华", "和平", "天河", "宝安", "龙华", "金水"]
let levels = ["区总工会", "市总工会", "县总工会", "镇总工会"]
let departments = ["办公室", "劳动和经济工作部", "组织部", "宣传部", "法律工作部", "权益保障部"]

func wrap(_ text: String, width: Int = 35) -> String {
    var lines: [String] = []
    var current = ""
    for ch in text where ch != "\n" {
        current.append(ch)
        if current.count >= width { lines.append(current); current = "" }
    }
    if !current.isEmpty { lines.append(current) }
    return lines.joined(separator: " \n\n")
}

var rng = SplitMix64(seed: seed)
let fm = FileManager.default
var bytes = 0
for n in 0..<count {
    let dir = "\(out)/\(String(format: "%03d", n / 1000))"
    if n % 1000 == 0 { try? fm.createDirectory(atPath: dir, withIntermediateDirectories: true) }
    let org = places.randomElement(using: &rng)! + levels.randomElement(using: &rng)!
    var text = "\n\(places.randomElement(using: &rng)!)企业事件 \n\n"
    for call in 1...Int.random(in: 1...2, using: &rng) {
        text += "第\(call == 1 ? "一" : "二")通电话：\(org)\(departments.randomElement(using: &rng)!) \n\n"
        text += "\(org)：喂，您好。 \n\n"
        for _ in 0..<Int.random(in: 6...18, using: &rng) {
            for turn in exchanges.randomElement(using: &rng)! {
                text += wrap((turn.caller ? "ＣＬＢ：" : "\(org)：") + turn.text) + " \n\n"
            }
        }
        if Int.random(in: 0..<10, using: &rng) == 0 { text += "——电话被挂断—— \n\n" }
    }
    let data = Data(text.utf8)
    bytes += data.count
    fm.createFile(atPath: "\(dir)/call_\(String(format: "%06d", n)).txt", contents: data)
}
for n in 0..<articles where !articleParagraphs.isEmpty {
    let body = (0..<20).map { _ in articleParagraphs.randomElement(using: &rng)! }.joined(separator: "\n")
    let data = Data(("本报讯\n" + body + "\n").utf8)
    bytes += data.count
    fm.createFile(atPath: "\(out)/article_\(String(format: "%04d", n)).txt", contents: data)
}
print("wrote \(count) transcripts and \(articles) articles, \(bytes) bytes, to \(out)")
