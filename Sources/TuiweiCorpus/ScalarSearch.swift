import TuiweiCore

/// Substring search over scalar arrays: Foundation's `String.contains`/`range(of:)` goes through
/// CFString on Linux and dominated parsing time, so the stages search scalars directly.
extension Array where Element == Unicode.Scalar {
    /// Index of the first occurrence of `needle` at or after `from`, or nil.
    @inlinable
    public func firstIndex(of needle: [Unicode.Scalar], from: Int = 0) -> Int? {
        let n = needle.count
        guard n > 0, count >= n else { return n == 0 ? from : nil }
        let first = needle[0]
        var i = from
        let last = count - n
        while i <= last {
            if self[i] == first {
                var k = 1
                while k < n, self[i + k] == needle[k] { k += 1 }
                if k == n { return i }
            }
            i += 1
        }
        return nil
    }

    @inlinable
    public func contains(_ needle: [Unicode.Scalar]) -> Bool { firstIndex(of: needle) != nil }

    /// Index of the last occurrence of `needle`, or nil.
    public func lastIndex(of needle: [Unicode.Scalar]) -> Int? {
        var found: Int?
        var from = 0
        while let k = firstIndex(of: needle, from: from) { found = k; from = k + 1 }
        return found
    }

    @inlinable
    public func hasPrefix(_ prefix: [Unicode.Scalar]) -> Bool {
        count >= prefix.count && self[0..<prefix.count].elementsEqual(prefix)
    }
}

extension String {
    /// The string's scalars, full-width forms folded: the form the stages match on.
    public var foldedScalars: [Unicode.Scalar] { unicodeScalars.map { TextNormaliser.width($0) } }
    public var scalarArray: [Unicode.Scalar] { Array(unicodeScalars) }
}
