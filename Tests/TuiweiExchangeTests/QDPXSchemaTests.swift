import Foundation
import Testing
import TuiweiTestSupport
import TuiweiCore
@testable import TuiweiExchange
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What importers require of `project.qde`, checked element by element against the REFI-QDA
/// schema (QDA-XML 1.0, `Project.xsd`): the root in its namespace, required attributes, the
/// order of each element's children, GUIDs that are GUIDs and unique, references that resolve,
/// positions inside the source text, and each detection's words at its positions.
@Suite struct QDPXSchemaTests {
    static let namespace = "urn:QDA-XML:project:1.0"
    /// Children allowed in each element, in the order of the schema's sequences.
    static let sequences: [String: [String]] = [
        "Project": ["Users", "CodeBook", "Variables", "Cases", "Sources", "Notes", "Links", "Sets", "Graphs", "Description", "NoteRef"],
        "Users": ["User"], "CodeBook": ["Codes"], "Codes": ["Code"], "Code": ["Description", "NoteRef", "Code"],
        "Sources": ["TextSource"],
        "TextSource": ["Description", "PlainTextContent", "PlainTextSelection", "Coding", "NoteRef", "VariableValue"],
        "PlainTextSelection": ["Description", "Coding", "NoteRef"], "Coding": ["CodeRef", "NoteRef"],
        "Notes": ["Note"], "Note": ["Description", "PlainTextContent", "PlainTextSelection", "Coding", "NoteRef", "VariableValue"],
        "User": [], "CodeRef": [], "NoteRef": [], "Description": [], "PlainTextContent": [],
    ]
    static let required: [String: [String]] = [
        "Project": ["name"], "User": ["guid"], "Code": ["guid", "name", "isCodable"], "TextSource": ["guid"],
        "PlainTextSelection": ["guid", "startPosition", "endPosition"], "Coding": ["guid"], "CodeRef": ["targetGUID"],
        "NoteRef": ["targetGUID"], "Note": ["guid"],
    ]
    static let guidAttributes = ["guid", "targetGUID", "creatingUser", "creatingUserGUID"]

    static func attribute(_ e: XMLElement, _ name: String) -> String? {
        e.attributes?.first { ($0.localName ?? $0.name) == name || $0.name == name }?.stringValue
    }

    static func isGUID(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        return parts.map(\.count) == [8, 4, 4, 4, 12] && parts.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }

    /// With the published schema at hand (`TUIWEI_QDA_SCHEMA=/path/to/Project.xsd`) and
    /// xmllint installed (`apt-get install libxml2-utils`), the export is validated against it.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["TUIWEI_QDA_SCHEMA"] != nil
                   && FileManager.default.isExecutableFile(atPath: "/usr/bin/xmllint")))
    func validatesAgainstThePublishedSchema() throws {
        let schema = try #require(ProcessInfo.processInfo.environment["TUIWEI_QDA_SCHEMA"])
        let (_, archive) = try QDPXRoundTripTests.exported(QDPXRoundTripTests.call000)
        let folder = try TemporaryFolder("qde")
        defer { folder.remove() }
        let file = URL(fileURLWithPath: folder.sub("project.qde"))
        try Data(try #require(archive.entry(named: "project.qde")).data).write(to: file)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
        p.arguments = ["--noout", "--schema", schema, file.path]
        let err = Pipe()
        p.standardError = err
        try p.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(message)")
    }

    @Test func everyRequiredElementAndAttribute() throws {
        let (d, archive) = try QDPXRoundTripTests.exported(QDPXRoundTripTests.call000)
        let data = Data(try #require(archive.entry(named: "project.qde")).data)
        let xml = try XMLDocument(data: data, options: [])
        let root = try #require(xml.rootElement())
        #expect(root.localName == "Project")
        #expect(root.uri == Self.namespace)

        var guids: [String: String] = [:]   // guid → element
        var references: [(String, String)] = []   // (element, target)
        var sourceTexts: [String: [Unicode.Scalar]] = [:]
        func walk(_ e: XMLElement) {
            let name = e.localName ?? ""
            #expect(e.uri == Self.namespace, "\(name) outside the project namespace")
            guard let allowed = Self.sequences[name] else {
                Issue.record("element \(name) is not one the exporter should write")
                return
            }
            // Children in schema order.
            let children = (e.children ?? []).compactMap { $0 as? XMLElement }
            let order = children.map { allowed.firstIndex(of: $0.localName ?? "") ?? -1 }
            #expect(!order.contains(-1), "unexpected child of \(name): \(children.map { $0.localName ?? "" })")
            #expect(order == order.sorted(), "children of \(name) out of schema order")
            for attribute in Self.required[name] ?? [] {
                #expect(Self.attribute(e, attribute)?.isEmpty == false, "\(name) without \(attribute)")
            }
            for attribute in Self.guidAttributes {
                guard let v = Self.attribute(e, attribute) else { continue }
                #expect(Self.isGUID(v), "\(name) \(attribute)=\(v) is not a GUID")
                if attribute == "guid" {
                    #expect(guids[v] == nil, "GUID \(v) used twice")
                    guids[v] = name
                }
            }
            if let target = Self.attribute(e, "targetGUID") { references.append((name, target)) }
            if name == "Code" { #expect(["true", "false"].contains(Self.attribute(e, "isCodable") ?? "")) }
            if name == "TextSource" {
                let path = Self.attribute(e, "plainTextPath") ?? ""
                #expect(path.hasPrefix("internal://"))
                let entry = archive.entry(named: "sources/" + path.dropFirst("internal://".count))
                #expect(entry != nil, "\(path) missing from the package")
                sourceTexts[Self.attribute(e, "guid") ?? ""] = entry.map { Array(String(decoding: $0.data, as: UTF8.self).unicodeScalars) }
            }
            children.forEach(walk)
        }
        walk(root)
        for (element, target) in references {
            let kind = guids[target]
            #expect(kind == (element == "CodeRef" ? "Code" : "Note"), "\(element) to \(target) resolves to \(kind ?? "nothing")")
        }

        // Positions lie in the text, and each detection's words are at its positions.
        let project = try QDAProject(xml: data)
        let source = try #require(project.sources.first)
        let text = try #require(sourceTexts[source.guid])
        let detections = d.answers.flatMap(\.score.detections)
        var checked = 0
        for sel in source.selections {
            #expect(sel.start >= 0 && sel.start <= sel.end && sel.end <= text.count)
            guard let name = sel.name, let colon = name.range(of: ": ") else { continue }
            let words = String(name[colon.upperBound...])
            let selected = String(String.UnicodeScalarView(text[sel.start..<sel.end].filter { $0 != "\n" }))
            if detections.contains(where: { $0.text == words && !$0.range.isEmpty }) {
                #expect(selected == words, "selection \(sel.guid) covers '\(selected)', not '\(words)'")
                checked += 1
            }
        }
        #expect(checked > 100)
    }
}
