import Testing
@testable import TuiweiPipeline
