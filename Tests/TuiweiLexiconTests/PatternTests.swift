import Testing
import TuiweiCore
@testable import TuiweiLexicon

/// Matches of `pattern` in `text`, as the matched strings.
func find(_ pattern: String, in text: String, tokens: [Range<Int>]? = nil, normaliser: TextNormaliser = TextNormaliser()) throws -> [String] {
    let p = try Pattern(pattern, normaliser: normaliser)
    let scalars = Array(text.unicodeScalars)
    let folded = scalars.map { normaliser.fold($0.value) }
    let automaton = PhraseAutomaton(patterns: [p])
    return automaton.matches(in: folded, boundaries: tokens.map { WordBoundaries(tokens: $0, length: folded.count) })
        .map { String(String.UnicodeScalarView(scalars[$0.range])) }
}

func syntaxError(_ pattern: String) -> Pattern.SyntaxError? {
    do { _ = try Pattern(pattern); return nil } catch { return error }
}

@Suite struct PatternTests {
    @Test func literal() throws {
        #expect(try find("不清楚", in: "这个我不清楚啊") == ["不清楚"])
        #expect(try find("不清楚", in: "很清楚").isEmpty)
    }

    @Test func alternatives() throws {
        let p = try Pattern("(你|您)得问")
        #expect(p.expansions.count == 2)
        #expect(try find("(你|您)得问", in: "您得问一下组织部") == ["您得问"])
        #expect(try find("(你|您)得问", in: "他得问").isEmpty)
    }

    @Test func nestedAlternativesAndOptionalGroups() throws {
        let p = try Pattern("(我(们)?|咱们)不清楚")
        #expect(p.expansions.count == 3)
        // Every start gets its longest match; the detector later keeps the longest overlapping one.
        #expect(try find("(我们)?不清楚", in: "我们不清楚") == ["我们不清楚", "不清楚"])
        #expect(try find("具体的?不清楚", in: "具体不清楚") == ["具体不清楚"])
        #expect(try find("具体的?不清楚", in: "具体的不清楚") == ["具体的不清楚"])
    }

    @Test func boundedGap() throws {
        #expect(try find("不是…部门", in: "不是我这个部门") == ["不是我这个部门"])
        #expect(try find("不是…部门", in: "不是我们这个部门负责") == ["不是我们这个部门"])
        #expect(try find("不是...部门", in: "不是我们这个部门") == ["不是我们这个部门"])
        // Default gap is 6 characters; …{2} allows only 2.
        #expect(try find("不是…部门", in: "不是一二三四五六七部门").isEmpty)
        #expect(try find("不是…{2}部门", in: "不是我们部门") == ["不是我们部门"])
        #expect(try find("不是…{2}部门", in: "不是我这个部门").isEmpty)
    }

    @Test func gapNeverCrossesPunctuation() throws {
        #expect(try find("不是…部门", in: "不是，这个部门").isEmpty)
        #expect(try find("不是…部门", in: "不是。部门").isEmpty)
        // Every sentence and clause end of the one definition stops a gap, in either width.
        for stop in ["！", "?", "；", "：", "……", "\n", "."] {
            #expect(try find("不是…部门", in: "不是\(stop)部门").isEmpty, "\(stop)")
        }
        // The enumeration comma joins items of one clause: a gap runs across it.
        #expect(try find("不是…部门", in: "不是你、我部门") == ["不是你、我部门"])
    }

    @Test func wordBoundaryAnchors() throws {
        // 不清楚 inside the word 分不清楚 should not count when anchored.
        let text = "他分不清楚"
        let tokens = [0..<1, 1..<5]
        #expect(try find("<不清楚", in: text, tokens: tokens).isEmpty)
        #expect(try find("不清楚", in: text, tokens: tokens) == ["不清楚"])
        #expect(try find("<不清楚>", in: "我不清楚", tokens: [0..<1, 1..<4]) == ["不清楚"])
        #expect(try find("不清>", in: "我不清楚", tokens: [0..<1, 1..<4]).isEmpty)
        // Without word boundaries, anchors accept any position.
        #expect(try find("<不清楚", in: text) == ["不清楚"])
    }

    @Test func escapesAndFullWidthLiterals() throws {
        #expect(try find("\\(注\\)", in: "见(注)") == ["(注)"])
        // A full-width question mark in a pattern is a literal and matches either width.
        #expect(try find("吗？", in: "是吗?") == ["吗?"])
    }

    @Test func longestMatchPerStart() throws {
        #expect(try find("不(太)?清楚", in: "不太清楚") == ["不太清楚"])
    }

    @Test(arguments: [
        ("(你|您", 1, "never closed"),
        ("你|您)", 4, "unmatched ')'"),
        ("(|您)", 2, "empty alternative"),
        ("?你", 1, "must follow"),
        ("…部门", 1, "start with a gap"),
        ("部门…", 3, "end with a gap"),
        ("不是…{0}部门", 5, "whole number"),
        ("不是…{x}部门", 5, "whole number"),
        ("不<是", 2, "anchors only"),
        ("(你)?", 1, "empty text"),
        ("不.是", 2, "not an operator"),
        ("", 1, "empty"),
    ])
    func syntaxErrors(pattern: String, position: Int, message: String) {
        let e = syntaxError(pattern)
        #expect(e != nil, "\(pattern) should be rejected")
        #expect(e?.position == position, "\(pattern): \(e?.description ?? "")")
        #expect(e?.message.contains(message) == true, "\(pattern): \(e?.description ?? "")")
    }

    @Test func tooManySpellingsIsAnErrorOnlyWhereTheyMustBeListed() throws {
        // Gaps inside groups need every spelling listed: beyond the limit that is an error.
        let listed = "(" + String(repeating: "(a|b|c|d)", count: 7) + "…x|y)"
        #expect(syntaxError(listed)?.message.contains("spellings") == true)
        // Without such gaps the pattern compiles to adjacent runs and matches every spelling.
        let big = String(repeating: "(a|b|c|d)", count: 8)
        #expect(syntaxError(big) == nil)
        #expect(try find(big, in: "xxabcdabcdxx") == ["abcdabcd"])
        #expect(try find(big, in: "abcdabc").isEmpty)
    }
}
