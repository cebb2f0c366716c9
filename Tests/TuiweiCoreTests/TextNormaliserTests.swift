import Testing
import TuiweiCore

private func s(_ c: Character) -> UInt32 { c.unicodeScalars.first!.value }

@Suite struct TextNormaliserTests {
    let normaliser = TextNormaliser(pairs: [("這", "这"), ("個", "个"), ("們", "们")].map { (s($0), s($1)) })

    @Test func levelsFoldWhatTheySayAndNoMore() {
        // Width: full-width ASCII and the ideographic space only.
        #expect(TextNormaliser.width("ＣＬＢ：２０００　這") == "CLB:2000 這")
        // Script: ideographs only; case and digits as written.
        #expect(normaliser.ideographs("這個ＣＬＢ2000") == "这个ＣＬＢ2000")
        #expect(normaliser.widthAndScript("這ＣＬＢ２") == Array("这CLB2".unicodeScalars.map(\.value)))
        // Matching: all three, Latin lower case and every digit 0.
        #expect(normaliser.fold("我們ＣＬＢ１９") == normaliser.fold("我们clb00"))
        #expect(normaliser.fold("我們") == TextNormaliser().fold("我们"))
        #expect(TextNormaliser().fold("我們") != TextNormaliser().fold("我们"))
    }

    /// Every fold is one scalar for one, so an offset into folded text is an offset into the text.
    @Test func foldsKeepScalarOffsets() {
        var rng = SplitMix64(seed: 13)
        let alphabet = Array("這個們这个们ＡＢａｂAb０９09　 ，。！？；、\n\t…😀é".unicodeScalars)
        for _ in 0..<300 {
            let scalars = (0..<Int(rng.next() % 24)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            var text = String.UnicodeScalarView()
            text.append(contentsOf: scalars)
            let s = String(text)
            let folded = normaliser.fold(s)
            #expect(folded.count == scalars.count)
            #expect(normaliser.widthAndScript(s).count == scalars.count)
            #expect(normaliser.ideographs(s).unicodeScalars.count == scalars.count)
            #expect(TextNormaliser.width(s).unicodeScalars.count == scalars.count)
            for (i, scalar) in scalars.enumerated() {
                #expect(folded[i] == normaliser.fold(scalar.value))
                // Folding never moves a character across the classes text is cut by.
                #expect(TextNormaliser.stop(folded[i]) == TextNormaliser.stop(scalar.value))
            }
        }
    }

    @Test func stopsAreOneDefinitionInEitherWidth() {
        for mark in "。｡！？；!?;\n\r".unicodeScalars {
            #expect(TextNormaliser.stop(mark.value) == .sentence, "\(mark.value)")
            #expect(TextNormaliser.isSentenceEnd(mark))
        }
        for mark in "，,：:…".unicodeScalars {
            #expect(TextNormaliser.stop(mark.value) == .clause, "\(mark.value)")
            #expect(TextNormaliser.isClauseEnd(mark.value))
            #expect(!TextNormaliser.isSentenceEnd(mark))
        }
        // The enumeration comma joins items of one clause.
        for mark in "、 　不a.".unicodeScalars {
            #expect(TextNormaliser.stop(mark.value) == .none, "\(mark.value)")
        }
    }

    @Test func proseEndsAtMarksNotAtLineBreaks() {
        for mark in "。！？；….!".unicodeScalars { #expect(TextNormaliser.endsProse(mark)) }
        for mark in "\n\r：:，会".unicodeScalars { #expect(!TextNormaliser.endsProse(mark)) }
    }

    @Test func whiteSpaceWithinALineAndAcrossLines() {
        for s in " \t\u{3000}\u{A0}\u{FEFF}\u{200B}\u{2003}".unicodeScalars {
            #expect(TextNormaliser.isSpace(s))
            #expect(TextNormaliser.isBlank(s))
        }
        for s in "\n\r".unicodeScalars {
            #expect(!TextNormaliser.isSpace(s))
            #expect(TextNormaliser.isBlank(s))
        }
        for s in "a不，、".unicodeScalars { #expect(!TextNormaliser.isBlank(s)) }
    }

    @Test func displayWidthCountsWideForms() {
        let width = { (t: String) in t.unicodeScalars.reduce(0) { $0 + TextNormaliser.displayWidth($1) } }
        #expect(width("abc") == 3)
        #expect(width("工会") == 4)
        #expect(width("ＣＬ：") == 6)
    }
}
