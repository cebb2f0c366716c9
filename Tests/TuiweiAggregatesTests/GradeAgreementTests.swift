import Testing
import TuiweiTestSupport
@testable import TuiweiAggregates
import TuiweiScoring

@Suite struct GradeAgreementTests {
    @Test func perfectAgreement() {
        let a = GradeAgreement.compute(gold: [0, 1, 2, 3, nil], predicted: [0, 1, 2, 3, nil])
        #expect(a.count == 4)
        #expect(a.quadraticKappa == 1)
        #expect(abs(a.spearman - 1) < 1e-12)
        #expect(a.exact == 1 && a.withinOne == 1)
        #expect(a.gradedMismatch == 0)
    }

    @Test func knownValues() {
        // Reference values from a direct NumPy/SciPy computation of the same pairs.
        let a = GradeAgreement.compute(gold: [0, 0, 1, 2, 3, 3], predicted: [0, 1, 1, 3, 3, 2])
        #expect(abs(a.quadraticKappa - 0.8235294117647058) < 1e-9)
        #expect(abs(a.spearman - 0.818181818181818) < 1e-9)
        #expect(abs(a.exact - 0.5) < 1e-12)
        #expect(a.withinOne == 1)
        #expect(a.confusion[0] == [1, 1, 0, 0])
        #expect(a.confusion[3] == [0, 0, 1, 1])
        #expect(a.jsonFields.map(\.key) == ["grade_qwk", "grade_spearman", "grade_exact", "grade_within_one"])
        #expect(a.confusionTable.split(separator: "\n")[1].hasSuffix("     1     1     0     0"))
    }

    @Test func ungradedOnOneSideIsCountedApart() {
        let a = GradeAgreement.compute(gold: [nil, 3, 0], predicted: [2, 3, nil])
        #expect(a.count == 1)
        #expect(a.gradedMismatch == 2)
    }

    @Test func reversedGradesGiveNegativeAgreement() {
        let a = GradeAgreement.compute(gold: [0, 1, 2, 3], predicted: [3, 2, 1, 0])
        #expect(a.quadraticKappa < 0)
        #expect(abs(a.spearman + 1) < 1e-12)
        #expect(a.exact == 0)
    }
}
