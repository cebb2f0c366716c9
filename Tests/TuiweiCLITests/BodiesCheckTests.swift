import Foundation
import Testing

/// `tuiwei lexicon check` on the two files named bodies.tsv: each read in its own format.
@Suite struct BodiesCheckTests {
    @Test func eachBodiesFileIsCheckedInItsOwnFormat() throws {
        // The transcript stage's file, named alone, is checked with its folder, not as a bodies table.
        let transcript = try ToolProcess.run(["lexicon", "check", ToolProcess.root + "/lexicons/transcript/bodies.tsv"])
        #expect(transcript.status == 0, "\(transcript.stdout)")
        #expect(!transcript.stdout.contains("unknown kind"))
        let table = try ToolProcess.run(["lexicon", "check", ToolProcess.root + "/lexicons/scoring/bodies.tsv"])
        #expect(table.status == 0 && table.stderr.contains("1 lexicon file(s): 0 error(s), 0 warning(s)"))
        // With no file named, the shipped files are checked against each other and agree.
        let all = try ToolProcess.run(["lexicon", "check"])
        #expect(all.status == 0 && all.stderr.contains("0 error(s), 0 warning(s)"))
    }
}
