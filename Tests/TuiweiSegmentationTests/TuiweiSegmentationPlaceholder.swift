import Testing
@testable import TuiweiSegmentation
