import Testing
@testable import TuiweiCorpus
