import Testing
@testable import TuiweiScoring
