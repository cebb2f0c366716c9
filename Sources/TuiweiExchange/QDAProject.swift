import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The parts of a REFI-QDA project (`project.qde`, namespace `urn:QDA-XML:project:1.0`) that
/// carry text codings: users, the code book, text sources with their coded selections, and notes.
///
/// Element and attribute names and their order follow the published schema (`Project.xsd`,
/// QDA-XML 1.0); parts of a project this model does not hold (cases, variables, sets, graphs,
/// pictures, audio) are left out when writing and passed over when reading.
public struct QDAProject: Sendable, Hashable {
    public struct User: Sendable, Hashable {
        public let guid: String
        public let name: String
        public init(guid: String, name: String) { self.guid = guid; self.name = name }
    }

    public struct Code: Sendable, Hashable {
        public let guid: String
        public let name: String
        public let isCodable: Bool
        public let description: String?
        public let children: [Code]
        public init(guid: String, name: String, isCodable: Bool, description: String? = nil, children: [Code] = []) {
            self.guid = guid
            self.name = name
            self.isCodable = isCodable
            self.description = description
            self.children = children
        }
    }

    /// A span of a text source, in characters (Unicode scalars) of the stored plain text, with
    /// the codes applied to it.
    public struct Selection: Sendable, Hashable {
        public let guid: String
        public let name: String?
        public let start: Int
        public let end: Int
        public let description: String?
        /// GUIDs of the codes applied (one `Coding` each).
        public let codes: [String]
        /// GUIDs of the notes attached.
        public let notes: [String]
        public let creatingUser: String?
        public init(guid: String, name: String?, start: Int, end: Int, description: String? = nil,
                    codes: [String], notes: [String] = [], creatingUser: String? = nil) {
            self.guid = guid
            self.name = name
            self.start = start
            self.end = end
            self.description = description
            self.codes = codes
            self.notes = notes
            self.creatingUser = creatingUser
        }
    }

    public struct TextSource: Sendable, Hashable {
        public let guid: String
        public let name: String
        /// `internal://FILE` for a file in the package's `sources/` folder.
        public let plainTextPath: String?
        /// The text itself, when the project holds it inline rather than as a file.
        public let plainTextContent: String?
        public let description: String?
        public let selections: [Selection]
        public init(guid: String, name: String, plainTextPath: String?, plainTextContent: String? = nil,
                    description: String? = nil, selections: [Selection]) {
            self.guid = guid
            self.name = name
            self.plainTextPath = plainTextPath
            self.plainTextContent = plainTextContent
            self.description = description
            self.selections = selections
        }
    }

    public struct Note: Sendable, Hashable {
        public let guid: String
        public let name: String
        public let text: String
        public init(guid: String, name: String, text: String) { self.guid = guid; self.name = name; self.text = text }
    }

    public let name: String
    public let origin: String?
    public let users: [User]
    public let codes: [Code]
    public let sources: [TextSource]
    public let notes: [Note]

    public init(name: String, origin: String?, users: [User], codes: [Code], sources: [TextSource], notes: [Note]) {
        self.name = name
        self.origin = origin
        self.users = users
        self.codes = codes
        self.sources = sources
        self.notes = notes
    }

    /// Every code of the code book, nested ones included, by GUID.
    public var codesByGUID: [String: Code] {
        var out: [String: Code] = [:]
        func walk(_ c: Code) {
            out[c.guid] = c
            c.children.forEach(walk)
        }
        codes.forEach(walk)
        return out
    }
}

// MARK: Writing

extension QDAProject {
    /// The `project.qde` document.
    public var xml: String {
        var s = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        s += "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"\(escape(name))\""
        if let origin { s += " origin=\"\(escape(origin))\"" }
        if let user = users.first { s += " creatingUserGUID=\"\(user.guid)\"" }
        s += ">\n"
        if !users.isEmpty {
            s += "  <Users>\n"
            for u in users { s += "    <User guid=\"\(u.guid)\" name=\"\(escape(u.name))\"/>\n" }
            s += "  </Users>\n"
        }
        if !codes.isEmpty {
            s += "  <CodeBook>\n    <Codes>\n"
            func write(_ c: Code, _ indent: String) {
                s += "\(indent)<Code guid=\"\(c.guid)\" name=\"\(escape(c.name))\" isCodable=\"\(c.isCodable)\""
                if c.description == nil && c.children.isEmpty { s += "/>\n"; return }
                s += ">\n"
                if let d = c.description { s += "\(indent)  <Description>\(escape(d))</Description>\n" }
                for child in c.children { write(child, indent + "  ") }
                s += "\(indent)</Code>\n"
            }
            for c in codes { write(c, "      ") }
            s += "    </Codes>\n  </CodeBook>\n"
        }
        if !sources.isEmpty {
            s += "  <Sources>\n"
            for src in sources {
                s += "    <TextSource guid=\"\(src.guid)\" name=\"\(escape(src.name))\""
                if let p = src.plainTextPath { s += " plainTextPath=\"\(escape(p))\"" }
                s += ">\n"
                if let d = src.description { s += "      <Description>\(escape(d))</Description>\n" }
                if let t = src.plainTextContent { s += "      <PlainTextContent>\(escape(t))</PlainTextContent>\n" }
                for sel in src.selections {
                    s += "      <PlainTextSelection guid=\"\(sel.guid)\""
                    if let n = sel.name { s += " name=\"\(escape(n))\"" }
                    s += " startPosition=\"\(sel.start)\" endPosition=\"\(sel.end)\""
                    if let u = sel.creatingUser { s += " creatingUser=\"\(u)\"" }
                    s += ">\n"
                    if let d = sel.description { s += "        <Description>\(escape(d))</Description>\n" }
                    for code in sel.codes {
                        s += "        <Coding guid=\"\(QDAGUID.make("coding", sel.guid, code))\""
                        if let u = sel.creatingUser { s += " creatingUser=\"\(u)\"" }
                        s += "><CodeRef targetGUID=\"\(code)\"/></Coding>\n"
                    }
                    for note in sel.notes { s += "        <NoteRef targetGUID=\"\(note)\"/>\n" }
                    s += "      </PlainTextSelection>\n"
                }
                s += "    </TextSource>\n"
            }
            s += "  </Sources>\n"
        }
        if !notes.isEmpty {
            s += "  <Notes>\n"
            for n in notes {
                s += "    <Note guid=\"\(n.guid)\" name=\"\(escape(n.name))\">\n"
                s += "      <PlainTextContent>\(escape(n.text))</PlainTextContent>\n"
                s += "    </Note>\n"
            }
            s += "  </Notes>\n"
        }
        s += "</Project>\n"
        return s
    }

    private func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for u in text.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            case "\t": out += "&#9;"
            default:
                // Characters XML 1.0 cannot hold at all are dropped rather than make the file unreadable.
                if u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}

/// GUIDs derived from names, so that exporting the same corpus twice gives the same project.
public enum QDAGUID {
    /// A GUID (8-4-4-4-12 hexadecimal digits, version 5 and variant bits set) from FNV-1a hashes
    /// of the parts.
    public static func make(_ parts: String...) -> String {
        let key = Array(parts.joined(separator: "\u{1F}").utf8)
        func fnv(_ seed: UInt64) -> UInt64 {
            var h: UInt64 = 0xCBF2_9CE4_8422_2325 ^ seed
            for b in key { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
            // Finalise (SplitMix64) so that near names differ in every digit.
            h = (h ^ (h >> 30)) &* 0xBF58_476D_1CE4_E5B9
            h = (h ^ (h >> 27)) &* 0x94D0_49BB_1331_11EB
            return h ^ (h >> 31)
        }
        let hi = fnv(0), lo = fnv(0x9E37_79B9_7F4A_7C15)
        let hex = String(format: "%016llx%016llx", hi, lo)
        var digits = Array(hex)
        digits[12] = "5"
        digits[16] = ["8", "9", "a", "b"][Int(lo >> 62)]
        let s = String(digits)
        func part(_ a: Int, _ b: Int) -> Substring { s.dropFirst(a).prefix(b - a) }
        return "\(part(0, 8))-\(part(8, 12))-\(part(12, 16))-\(part(16, 20))-\(part(20, 32))".uppercased()
    }
}

// MARK: Reading

/// Why a project could not be read.
public struct QDAError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension QDAProject {
    /// Reads `project.qde` text.
    /// - Throws: `QDAError` with the line of the XML error, or naming the missing element or attribute.
    public init(xml data: Data, file: String = "project.qde") throws(QDAError) {
        let reader = QDAReader()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.delegate = reader
        if !parser.parse() {
            let why = reader.failure ?? parser.parserError.map { "\($0.localizedDescription)" } ?? "not well-formed XML"
            throw QDAError("\(file):\(parser.lineNumber): \(why)")
        }
        if let failure = reader.failure { throw QDAError("\(file): \(failure)") }
        guard reader.sawProject else {
            throw QDAError("\(file): no <Project> element in namespace urn:QDA-XML:project:1.0; is this a REFI-QDA project?")
        }
        self.init(name: reader.projectName, origin: reader.origin, users: reader.users, codes: reader.roots,
                  sources: reader.sources, notes: reader.notes)
    }
}

/// Collects a project's elements while `XMLParser` walks the document.
final class QDAReader: NSObject, XMLParserDelegate {
    static let namespace = "urn:QDA-XML:project:1.0"

    var sawProject = false
    var projectName = ""
    var origin: String?
    var users: [QDAProject.User] = []
    var roots: [QDAProject.Code] = []
    var sources: [QDAProject.TextSource] = []
    var notes: [QDAProject.Note] = []
    var failure: String?

    /// Codes being read, innermost last, with the children read so far.
    private var codeStack: [(attributes: [String: String], description: String?, children: [QDAProject.Code])] = []
    private var source: (attributes: [String: String], description: String?, content: String?, selections: [QDAProject.Selection])?
    private var selection: (attributes: [String: String], description: String?, codes: [String], notes: [String])?
    private var note: (attributes: [String: String], content: String)?
    private var inCoding = false
    private var elements: [String] = []
    private var text = ""

    private func require(_ attributes: [String: String], _ name: String, of element: String) -> String? {
        if let v = attributes[name] { return v }
        if failure == nil { failure = "<\(element)> without its required attribute '\(name)'" }
        return nil
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elements.append(name)
        text = ""
        guard namespaceURI == Self.namespace || namespaceURI == nil || namespaceURI == "" else { return }
        switch name {
        case "Project":
            sawProject = namespaceURI == Self.namespace
            projectName = attributes["name"] ?? ""
            origin = attributes["origin"]
        case "User":
            if let g = require(attributes, "guid", of: name) { users.append(.init(guid: g, name: attributes["name"] ?? "")) }
        case "Code" where elements.dropLast().last == "Codes" || elements.dropLast().last == "Code":
            codeStack.append((attributes, nil, []))
        case "TextSource":
            source = (attributes, nil, nil, [])
        case "PlainTextSelection" where source != nil:
            selection = (attributes, nil, [], [])
        case "Coding":
            inCoding = true
        case "CodeRef" where inCoding && selection != nil:
            if let g = require(attributes, "targetGUID", of: name) { selection?.codes.append(g) }
        case "NoteRef" where selection != nil && !inCoding:
            if let g = attributes["targetGUID"] { selection?.notes.append(g) }
        case "Note" where elements.dropLast().last == "Notes":
            note = (attributes, "")
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        defer { elements.removeLast() }
        let parent = elements.dropLast().last
        switch name {
        case "Description":
            if parent == "PlainTextSelection", selection != nil { selection?.description = text }
            else if parent == "TextSource", source != nil { source?.description = text }
            else if parent == "Code", !codeStack.isEmpty { codeStack[codeStack.count - 1].description = text }
        case "PlainTextContent":
            if parent == "Note", note != nil { note?.content = text }
            else if parent == "TextSource", source != nil { source?.content = text }
        case "Code" where !codeStack.isEmpty && (parent == "Codes" || parent == "Code"):
            let c = codeStack.removeLast()
            guard let guid = require(c.attributes, "guid", of: "Code"), let codeName = require(c.attributes, "name", of: "Code") else { return }
            let code = QDAProject.Code(guid: guid, name: codeName, isCodable: c.attributes["isCodable"] != "false",
                                       description: c.description, children: c.children)
            if codeStack.isEmpty { roots.append(code) } else { codeStack[codeStack.count - 1].children.append(code) }
        case "Coding":
            inCoding = false
        case "PlainTextSelection":
            guard let s = selection else { return }
            selection = nil
            guard let guid = require(s.attributes, "guid", of: name),
                  let startText = require(s.attributes, "startPosition", of: name),
                  let endText = require(s.attributes, "endPosition", of: name) else { return }
            guard let start = Int(startText), let end = Int(endText), start >= 0, end >= start else {
                if failure == nil { failure = "<PlainTextSelection guid=\"\(guid)\"> has positions \(startText)–\(endText), not two whole numbers with start ≤ end" }
                return
            }
            source?.selections.append(.init(guid: guid, name: s.attributes["name"], start: start, end: end,
                                            description: s.description, codes: s.codes, notes: s.notes,
                                            creatingUser: s.attributes["creatingUser"]))
        case "TextSource":
            guard let s = source else { return }
            source = nil
            guard let guid = require(s.attributes, "guid", of: name) else { return }
            sources.append(.init(guid: guid, name: s.attributes["name"] ?? "", plainTextPath: s.attributes["plainTextPath"],
                                 plainTextContent: s.content, description: s.description, selections: s.selections))
        case "Note":
            guard let n = note else { return }
            note = nil
            if let guid = require(n.attributes, "guid", of: name) {
                notes.append(.init(guid: guid, name: n.attributes["name"] ?? "", text: n.content))
            }
        default: break
        }
    }
}
