import Testing
@testable import TuiweiLexicon
