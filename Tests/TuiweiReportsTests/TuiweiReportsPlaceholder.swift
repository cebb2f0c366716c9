import Testing
@testable import TuiweiReports
