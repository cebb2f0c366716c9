/// A transcript of `calls` calls, each under its header — a greeting, questions, referrals and
/// a turn wrapped over two lines, a page number after every call's second turn and a hang-up
/// after every fiftieth call —, for the tests of files read a call at a time.
public func manyCallsTranscript(calls: Int) -> String {
    var text = "某市总工会电话记录\n\n"
    for n in 1...max(1, calls) {
        text += "第\(n)通电话 某某区总工会 办公室\n\n"
        text += "CLB：喂，你好，请问是区总工会吗？我们是中国劳工通讯的，想问一下第\(n)家工厂工资拖欠的事情你们管不管？\n"
        text += "工会：这个事情你去找劳动局，我们这边不管。\n\(n % 97)\n"
        text += "CLB：那工会有没有责任帮助职工维权呢？\n工会：我们会向领导反映，具体的我不清楚，\n你打别的电话问问吧。\n"
        if n % 50 == 0 { text += "[对方挂断电话]\n" }
        text += "\n"
    }
    return text
}
