import Foundation

/// A zip archive's entries by name, read from or written to bytes.
///
/// QDA packages (`.qdpx`) are zip files. Tuiwei writes them stored (uncompressed), which every
/// reader accepts and keeps the writer small; it reads stored and deflated entries, since that is
/// what NVivo, ATLAS.ti and MAXQDA write.
public struct ZipArchive: Sendable {
    public struct Entry: Sendable, Hashable {
        public let name: String
        public let data: [UInt8]

        public init(name: String, data: [UInt8]) {
            self.name = name
            self.data = data
        }
    }

    public let entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// The entry called `name`, compared without case and with `\` read as `/`.
    public func entry(named name: String) -> Entry? {
        let want = name.lowercased()
        return entries.first { $0.name.replacingOccurrences(of: "\\", with: "/").lowercased() == want }
    }

    // MARK: Writing

    /// The archive as bytes: every entry stored, names in UTF-8, a fixed timestamp so that the
    /// same project gives the same file.
    /// - Throws: `ZipError` when an entry or the archive exceeds the 4 GB of a zip without Zip64.
    public func bytes() throws(ZipError) -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        for entry in entries {
            let name = Array(entry.name.utf8)
            guard entry.data.count < 0xFFFF_FFFF, out.count < 0xFFFF_FFFF, name.count < 0xFFFF else {
                throw ZipError(message: "'\(entry.name)' is too large for a zip file without Zip64")
            }
            let crc = CRC32.checksum(entry.data)
            let offset = UInt32(out.count)
            out.le32(0x0403_4B50)
            out.le16(20)           // version needed: 2.0
            out.le16(0x0800)       // names are UTF-8
            out.le16(0)            // stored
            out.le16(0)            // 00:00
            out.le16(0x21)         // 1980-01-01
            out.le32(crc)
            out.le32(UInt32(entry.data.count))
            out.le32(UInt32(entry.data.count))
            out.le16(UInt16(name.count))
            out.le16(0)
            out += name
            out += entry.data

            central.le32(0x0201_4B50)
            central.le16(20)       // made by: MS-DOS, 2.0
            central.le16(20)
            central.le16(0x0800)
            central.le16(0)
            central.le16(0)
            central.le16(0x21)
            central.le32(crc)
            central.le32(UInt32(entry.data.count))
            central.le32(UInt32(entry.data.count))
            central.le16(UInt16(name.count))
            central.le16(0)        // extra
            central.le16(0)        // comment
            central.le16(0)        // disk
            central.le16(0)        // internal attributes
            central.le32(0)        // external attributes
            central.le32(offset)
            central += name
        }
        guard entries.count < 0xFFFF, out.count + central.count < 0xFFFF_FFFF else {
            throw ZipError(message: "too many entries or bytes for a zip file without Zip64")
        }
        let centralOffset = UInt32(out.count)
        out += central
        out.le32(0x0605_4B50)
        out.le16(0)
        out.le16(0)
        out.le16(UInt16(entries.count))
        out.le16(UInt16(entries.count))
        out.le32(UInt32(central.count))
        out.le32(centralOffset)
        out.le16(0)
        return out
    }

    // MARK: Reading

    /// Reads an archive through its central directory.
    /// - Throws: `ZipError` saying what is wrong (not a zip, an unsupported method, a bad checksum).
    public init(bytes: [UInt8]) throws(ZipError) {
        // The end-of-central-directory record is within the last 64 KB + 22 bytes (its comment).
        guard bytes.count >= 22 else { throw ZipError(message: "not a zip file (too short)") }
        var eocd = -1
        var i = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        while i >= lowest {
            if bytes.u32(i) == 0x0605_4B50 { eocd = i; break }
            i -= 1
        }
        guard eocd >= 0 else { throw ZipError(message: "not a zip file (no end of central directory)") }
        let count = Int(bytes.u16(eocd + 10))
        var p = Int(bytes.u32(eocd + 16))
        if bytes.u32(eocd + 16) == 0xFFFF_FFFF || count == 0xFFFF {
            throw ZipError(message: "Zip64 archives are not supported; re-export the project without Zip64")
        }
        var entries: [Entry] = []
        for _ in 0..<count {
            guard p + 46 <= bytes.count, bytes.u32(p) == 0x0201_4B50 else {
                throw ZipError(message: "damaged central directory at byte \(p)")
            }
            let flags = bytes.u16(p + 8)
            let method = bytes.u16(p + 10)
            let crc = bytes.u32(p + 16)
            let compressed = Int(bytes.u32(p + 20))
            let size = Int(bytes.u32(p + 24))
            let nameLength = Int(bytes.u16(p + 28))
            let extraLength = Int(bytes.u16(p + 30))
            let commentLength = Int(bytes.u16(p + 32))
            let local = Int(bytes.u32(p + 42))
            guard p + 46 + nameLength <= bytes.count else { throw ZipError(message: "damaged central directory at byte \(p)") }
            let name = String(decoding: bytes[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
            p += 46 + nameLength + extraLength + commentLength
            if name.hasSuffix("/") { continue }
            if flags & 1 != 0 { throw ZipError(message: "'\(name)' is encrypted; export the project without a password") }
            guard local + 30 <= bytes.count, bytes.u32(local) == 0x0403_4B50 else {
                throw ZipError(message: "'\(name)': damaged local header at byte \(local)")
            }
            let start = local + 30 + Int(bytes.u16(local + 26)) + Int(bytes.u16(local + 28))
            guard start + compressed <= bytes.count else { throw ZipError(message: "'\(name)' is cut short") }
            let raw = Array(bytes[start..<(start + compressed)])
            let data: [UInt8]
            switch method {
            case 0: data = raw
            case 8:
                do { data = try Inflate.decompress(raw, expectedSize: size) } catch {
                    throw ZipError(message: "'\(name)': \(error.message)")
                }
            default:
                throw ZipError(message: "'\(name)' uses compression method \(method); only stored (0) and deflate (8) are read")
            }
            guard data.count == size, CRC32.checksum(data) == crc else {
                throw ZipError(message: "'\(name)' fails its checksum; the file is damaged")
            }
            entries.append(Entry(name: name, data: data))
        }
        self.entries = entries
    }
}

/// Why a zip archive could not be read or written.
public struct ZipError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// The CRC-32 of zip (polynomial 0xEDB88320).
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ data: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        data.withUnsafeBufferPointer { b in
            for byte in b { c = table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        }
        return c ^ 0xFFFF_FFFF
    }
}

extension Array where Element == UInt8 {
    mutating func le16(_ v: UInt16) {
        append(UInt8(v & 0xFF)); append(UInt8(v >> 8))
    }
    mutating func le32(_ v: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { append(UInt8((v >> UInt32(shift)) & 0xFF)) }
    }
    func u16(_ i: Int) -> UInt16 {
        guard i + 2 <= count else { return 0 }
        return UInt16(self[i]) | UInt16(self[i + 1]) << 8
    }
    func u32(_ i: Int) -> UInt32 {
        guard i + 4 <= count else { return 0 }
        return UInt32(self[i]) | UInt32(self[i + 1]) << 8 | UInt32(self[i + 2]) << 16 | UInt32(self[i + 3]) << 24
    }
}
