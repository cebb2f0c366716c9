/// One call of the corpus: its document's id and its 1-based index in the document. The one
/// key by which answers, calls, copies and referral edges are grouped across stages.
public struct CallID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let document: String
    public let call: Int

    public init(document: String, call: Int) {
        self.document = document
        self.call = call
    }

    /// `DOCUMENT#CALL`, as reports and the HTML page's anchors write it.
    public var description: String { "\(document)#\(call)" }

    public static func < (a: CallID, b: CallID) -> Bool { (a.document, a.call) < (b.document, b.call) }
}

extension DuplicateLink {
    /// The copy.
    public var copy: CallID { CallID(document: document, call: call) }
    /// The call it repeats.
    public var originalID: CallID { CallID(document: original, call: originalCall) }
}
