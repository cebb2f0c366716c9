import Foundation
import Testing
import TuiweiTestSupport
import TuiweiCore
@testable import TuiweiScoring

/// `tuiwei lexicon check` on the bodies table: one vocabulary of bodies, shared by the map and
/// the orientation profile, and consistent with the transcript stage's words for bodies.
@Suite struct BodyTableLintTests {
    static let lexicons = ProjectLayout.lexiconsDirectory()!

    static let table = """
    kind\tleader\tauthority\tleader / superior
    kind\tsame-body\tnone\town body, other department
    kind\tgovernment\tauthority\tgovernment
    kind\tunnamed\tnone\tunnamed elsewhere
    follow\tREFERRAL\tall
    same-body\t部长
    leader\t政府
    government\t中心
    leader\t领导

    """

    @Test func theShippedFilesAgree() {
        let d = BodyTable.lint(path: Self.lexicons + "/scoring/bodies.tsv", orientation: Self.lexicons + "/scoring/orientation.tsv",
                               transcriptBodies: Self.lexicons + "/transcript/bodies.tsv")
        #expect(d.isEmpty, "\(d.map(\.description))")
    }

    @Test func wordsTheTwoFilesClassDifferentlyAreWarnedAbout() throws {
        let folder = try TemporaryFolder("bodies")
        defer { folder.remove() }
        let table = try folder.write("bodies.tsv", Self.table)
        let transcript = try folder.write("transcript-bodies.tsv", "person\t部长\norganisation\t政府\ncaller-organisation\t中心\nbody\t局\n")
        let d = BodyTable.lint(path: table, transcriptBodies: transcript)
        #expect(d.allSatisfy { $0.severity == .warning })
        // Each on the table's line, naming the transcript file's line.
        #expect(d.map(\.line) == [6, 7, 8])
        #expect(d[0].message.contains("'部长' is a person's title at \(transcript):1"))
        #expect(d[1].message.contains("'政府' names a body at \(transcript):2 (class organisation)"))
        #expect(d[2].message.contains("'中心' names the questioning side"))
        // Without the transcript file, the table alone is clean.
        #expect(BodyTable.lint(path: table).isEmpty)
    }

    @Test func anOrientationTermThatNamesABodyIsWarnedAbout() throws {
        let folder = try TemporaryFolder("bodies")
        defer { folder.remove() }
        let table = try folder.write("bodies.tsv", Self.table)
        let orientation = try folder.write("orientation.tsv", "authority\t统一部署\nauthority\t领导\n")
        let d = BodyTable.lint(path: table, orientation: orientation)
        #expect(d.count == 1)
        #expect(d.first?.file == orientation && d.first?.line == 2)
        // The profile counts the table's body once: from the table, with its pole.
        let parsed = BodyTable.parse(Self.table, file: "t").table
        #expect(parsed.terms(on: .authority) == ["政府", "中心", "领导"])
    }
}
