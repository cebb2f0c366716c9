/// A DEFLATE (RFC 1951) decoder, for the deflated entries of zip files other programs write.
///
/// Written for clarity over speed: Huffman codes are decoded bit by bit with canonical counts
/// (as zlib's `puff` does), which is fast enough for project files of a few megabytes.
enum Inflate {
    struct Failure: Error {
        let message: String
    }

    /// - Throws: `Failure` when the data is not valid DEFLATE or ends early.
    static func decompress(_ input: [UInt8], expectedSize: Int = 0) throws(Failure) -> [UInt8] {
        var state = State(input: input)
        var out: [UInt8] = []
        out.reserveCapacity(expectedSize)
        var last = false
        while !last {
            last = try state.bits(1) == 1
            switch try state.bits(2) {
            case 0: try state.stored(&out)
            case 1: try state.codes(&out, Huffman.fixedLiterals, Huffman.fixedDistances)
            case 2:
                let (literals, distances) = try state.dynamicTables()
                try state.codes(&out, literals, distances)
            default: throw Failure(message: "invalid deflate block type")
            }
        }
        return out
    }

    /// A canonical Huffman code: how many codes of each length, and the symbols in code order.
    struct Huffman {
        var counts = [Int](repeating: 0, count: 16)
        var symbols: [Int]

        init(lengths: [Int]) {
            symbols = [Int](repeating: 0, count: lengths.count)
            for l in lengths { counts[l] += 1 }
            counts[0] = 0
            var offsets = [Int](repeating: 0, count: 16)
            for l in 1..<15 { offsets[l + 1] = offsets[l] + counts[l] }
            for (symbol, l) in lengths.enumerated() where l != 0 {
                symbols[offsets[l]] = symbol
                offsets[l] += 1
            }
        }

        static let fixedLiterals = Huffman(
            lengths: [Int](repeating: 8, count: 144) + [Int](repeating: 9, count: 112)
                + [Int](repeating: 7, count: 24) + [Int](repeating: 8, count: 8))
        static let fixedDistances = Huffman(lengths: [Int](repeating: 5, count: 30))
    }

    static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
                               2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    static let lengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    struct State {
        let input: [UInt8]
        var position = 0
        var buffer: UInt32 = 0
        var count = 0

        init(input: [UInt8]) { self.input = input }

        mutating func bits(_ n: Int) throws(Failure) -> Int {
            while count < n {
                guard position < input.count else { throw Failure(message: "deflate data ends early") }
                buffer |= UInt32(input[position]) << UInt32(count)
                position += 1
                count += 8
            }
            let value = Int(buffer & ((1 << UInt32(n)) - 1))
            buffer >>= UInt32(n)
            count -= n
            return value
        }

        mutating func decode(_ h: Huffman) throws(Failure) -> Int {
            var code = 0, first = 0, index = 0
            for length in 1...15 {
                code |= try bits(1)
                let n = h.counts[length]
                if code - n < first { return h.symbols[index + code - first] }
                index += n
                first = (first + n) << 1
                code <<= 1
            }
            throw Failure(message: "invalid Huffman code in deflate data")
        }

        mutating func stored(_ out: inout [UInt8]) throws(Failure) {
            buffer = 0
            count = 0
            guard position + 4 <= input.count else { throw Failure(message: "deflate data ends early") }
            let length = Int(input[position]) | Int(input[position + 1]) << 8
            let complement = Int(input[position + 2]) | Int(input[position + 3]) << 8
            position += 4
            guard length == ~complement & 0xFFFF else { throw Failure(message: "damaged stored block in deflate data") }
            guard position + length <= input.count else { throw Failure(message: "deflate data ends early") }
            out += input[position..<(position + length)]
            position += length
        }

        mutating func dynamicTables() throws(Failure) -> (Huffman, Huffman) {
            let literalCount = try bits(5) + 257
            let distanceCount = try bits(5) + 1
            let codeCount = try bits(4) + 4
            guard literalCount <= 286, distanceCount <= 30 else { throw Failure(message: "bad table sizes in deflate data") }
            var codeLengths = [Int](repeating: 0, count: 19)
            for i in 0..<codeCount { codeLengths[Inflate.lengthOrder[i]] = try bits(3) }
            let lengthCode = Huffman(lengths: codeLengths)
            var lengths: [Int] = []
            while lengths.count < literalCount + distanceCount {
                let symbol = try decode(lengthCode)
                switch symbol {
                case 0..<16: lengths.append(symbol)
                case 16:
                    guard let previous = lengths.last else { throw Failure(message: "repeat with no length in deflate data") }
                    lengths += [Int](repeating: previous, count: 3 + (try bits(2)))
                case 17: lengths += [Int](repeating: 0, count: 3 + (try bits(3)))
                default: lengths += [Int](repeating: 0, count: 11 + (try bits(7)))
                }
            }
            guard lengths.count == literalCount + distanceCount else { throw Failure(message: "too many code lengths in deflate data") }
            return (Huffman(lengths: Array(lengths[..<literalCount])), Huffman(lengths: Array(lengths[literalCount...])))
        }

        mutating func codes(_ out: inout [UInt8], _ literals: Huffman, _ distances: Huffman) throws(Failure) {
            while true {
                let symbol = try decode(literals)
                if symbol < 256 { out.append(UInt8(symbol)); continue }
                if symbol == 256 { return }
                let s = symbol - 257
                guard s < 29 else { throw Failure(message: "invalid length code in deflate data") }
                let length = Inflate.lengthBase[s] + (try bits(Inflate.lengthExtra[s]))
                let d = try decode(distances)
                guard d < 30 else { throw Failure(message: "invalid distance code in deflate data") }
                let distance = Inflate.distanceBase[d] + (try bits(Inflate.distanceExtra[d]))
                guard distance <= out.count else { throw Failure(message: "distance too far back in deflate data") }
                let from = out.count - distance
                for k in 0..<length { out.append(out[from + k]) }
            }
        }
    }
}
