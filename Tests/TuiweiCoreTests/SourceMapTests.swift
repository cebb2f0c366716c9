import Testing
@testable import TuiweiCore

@Suite struct SourceMapTests {
    // "ab" from line 3 col 5, then "cd" from line 5 col 1, joined with an inserted space.
    let map = SourceMap(document: "d", pieces: [
        .init(offset: 0, line: 3, column: 5, length: 2),
        .init(offset: 3, line: 5, column: 1, length: 2),
    ])

    @Test func locatesOffsetsInsideAndBetweenPieces() {
        #expect(map.location(at: 0) == SourceLocation(document: "d", line: 3, column: 5))
        #expect(map.location(at: 1) == SourceLocation(document: "d", line: 3, column: 6))
        // The inserted space maps to the start of the next piece.
        #expect(map.location(at: 2) == SourceLocation(document: "d", line: 5, column: 1))
        #expect(map.location(at: 4) == SourceLocation(document: "d", line: 5, column: 2))
        #expect(map.lines == 3...5)
    }

    @Test func sliceRebasesOffsets() {
        let s = map.slice(1..<4)
        #expect(s.location(at: 0) == SourceLocation(document: "d", line: 3, column: 6))
        #expect(s.location(at: 2) == SourceLocation(document: "d", line: 5, column: 1))
        #expect(s.pieces.count == 2)
    }

    @Test func codesKnowTheirKind() {
        #expect(Code.deflections.count == 12)
        #expect(Code.hedge.kind == .modifier)
        #expect(Code.commit.kind == .answer)
    }
}
