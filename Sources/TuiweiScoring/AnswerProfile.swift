import TuiweiCore

extension ScoringResources {
    /// The bodies `detections` of `turn` point to (`TargetFinder`), read in the bodies table's script.
    public func targets(of detections: [Detection], in turn: Turn, own: [String]) -> [ReferralTarget] {
        guard detections.contains(where: { bodies.follow[$0.code] != nil }) else { return [] }
        return targets.targets(folded: folded(turn.text), scalars: Array(turn.text.unicodeScalars), map: turn.passage.map,
                               detections: detections, own: own, fold: folded)
    }

    /// Authority and grassroots terms in `text`, and its length without punctuation.
    public func orientation(of text: String) -> OrientationCounts {
        let s = folded(text)
        var counts = OrientationCounts(characters: s.reduce(0) { $0 + (isPunctuationOrSpace($1) ? 0 : 1) })
        for m in orientationMatcher.matches(in: s) {
            if orientationIsAuthority[m.term] { counts.authority += 1 } else { counts.grassroots += 1 }
            counts.terms[orientationMatcher.terms[m.term], default: 0] += 1
        }
        return counts
    }
}
