import Testing
@testable import TuiweiTranscript
