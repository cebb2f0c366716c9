import Foundation
import TuiweiCore

/// A four-state (B, E, M, S: begin, end, middle, single) hidden Markov model of how characters
/// make up words, used to group runs of characters the dictionary does not cover.
struct HMMModel: Sendable {
    static let B = 0, E = 1, M = 2, S = 3
    /// Stands in for log 0, as in jieba's model file.
    static let minimum = -3.14e100

    /// Log start probability per state.
    let start: [Double]
    /// Log transition probability, `from * 4 + to`.
    let transition: [Double]
    /// Row of `emission` for each BMP scalar; 0 means the model has not seen it.
    let row: [UInt16]
    /// Log emission probability, `row * 4 + state`; row 0 is all `minimum`.
    let emission: [Double]

    /// Reads jieba's `prob_start` / `prob_trans` / `prob_emit` model in one file: lines starting
    /// with `#` are comments; then one line of 4 start values, 4 lines of 4 transition values, and
    /// 4 emission lines (B, E, M, S) of `char:logprob` pairs separated by commas.
    static func load(path: String) throws -> HMMModel {
        var bytes = try FileBytes.read(path)
        var lines: [(Int, Int, Int)] = []  // start, end, line number
        for l in bytes.withUnsafeBufferPointer({ DataFile.lineRanges($0) }) {
            var z = l.end
            while z > l.start && bytes[z - 1] == 0x20 { z -= 1 }
            if z > l.start && bytes[l.start] != 0x23 { lines.append((l.start, z, l.number)) }
        }
        guard lines.count == 9 else {
            throw Diagnostic(.error, file: path, "expected 9 data lines (start, 4 transition rows, 4 emission rows), found \(lines.count); restore hmm-model.utf8")
        }
        bytes.append(0)  // strtod stops at the NUL after the last number
        /// nan or inf would spread through every Viterbi score of a run.
        func notFinite(_ line: Int) -> Diagnostic {
            Diagnostic(.error, file: path, line: line, "log probabilities must be finite numbers (use -3.14e+100 for log 0), not nan or inf; restore hmm-model.utf8")
        }
        return try bytes.withUnsafeBufferPointer { b -> HMMModel in
            func numbers(_ l: (Int, Int, Int)) throws -> [Double] {
                var out: [Double] = []
                var p = UnsafeMutablePointer<CChar>(mutating: UnsafeRawPointer(b.baseAddress! + l.0).assumingMemoryBound(to: CChar.self))
                let end = UnsafeRawPointer(b.baseAddress! + l.1)
                while UnsafeRawPointer(p) < end {
                    var q: UnsafeMutablePointer<CChar>? = nil
                    let v = strtod(p, &q)
                    guard let q, q != p else { throw Diagnostic(.error, file: path, line: l.2, "expected numbers separated by spaces") }
                    guard v.isFinite else { throw notFinite(l.2) }
                    out.append(v)
                    p = q
                }
                return out
            }
            let start = try numbers(lines[0])
            guard start.count == 4 else { throw Diagnostic(.error, file: path, line: lines[0].2, "expected 4 start probabilities") }
            var transition: [Double] = []
            for k in 1...4 {
                let row = try numbers(lines[k])
                guard row.count == 4 else { throw Diagnostic(.error, file: path, line: lines[k].2, "expected 4 transition probabilities") }
                transition += row
            }
            var row = [UInt16](repeating: 0, count: 0x10000)
            var emission = [Double](repeating: minimum, count: 4)
            for state in 0..<4 {
                let l = lines[5 + state]
                var p = l.0
                var scalars: [UInt32] = []
                while p < l.1 {
                    var colon = p
                    while colon < l.1 && b[colon] != 0x3A { colon += 1 }
                    scalars.removeAll(keepingCapacity: true)
                    guard colon < l.1, DictionaryFile.decodeUTF8(b, p, colon, into: &scalars), scalars.count == 1 else {
                        throw Diagnostic(.error, file: path, line: l.2, "expected 'char:logprob' pairs separated by commas")
                    }
                    let s = scalars[0]
                    var q: UnsafeMutablePointer<CChar>? = nil
                    let cp = UnsafeMutablePointer<CChar>(mutating: UnsafeRawPointer(b.baseAddress! + colon + 1).assumingMemoryBound(to: CChar.self))
                    let v = strtod(cp, &q)
                    guard let q, q != cp else { throw Diagnostic(.error, file: path, line: l.2, "expected a number after '\(Unicode.Scalar(s).map(String.init) ?? "?"):'") }
                    guard v.isFinite else { throw notFinite(l.2) }
                    p = UnsafeRawPointer(q) - UnsafeRawPointer(b.baseAddress!)
                    if p < l.1 && b[p] == 0x2C { p += 1 }
                    guard s < 0x10000 else { continue }
                    if row[Int(s)] == 0 {
                        guard emission.count / 4 < Int(UInt16.max) else { continue }
                        row[Int(s)] = UInt16(emission.count / 4)
                        emission += [minimum, minimum, minimum, minimum]
                    }
                    emission[Int(row[Int(s)]) * 4 + state] = v
                }
            }
            return HMMModel(start: start, transition: transition, row: row, emission: emission)
        }
    }

    /// Cuts `obs` (scalars of one run of ideographs) into words; calls `emit(start, end)` with
    /// offsets into `obs`.
    func cut(_ obs: UnsafeBufferPointer<UInt32>, _ emit: (Int, Int) -> Void) {
        let n = obs.count
        if n == 0 { return }
        let ml = Self.minimum
        // Which states may precede each state: B ← E,S; E ← B,M; M ← M,B; S ← S,E.
        // Listed in the order jieba breaks ties (the later letter wins on equal scores).
        row.withUnsafeBufferPointer { row in
        emission.withUnsafeBufferPointer { emission in
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: n * 5) { back in
            let row = row.baseAddress!, emission = emission.baseAddress!, back = back.baseAddress!
            // The transitions that can happen, read once.
            let tEB = transition[1 * 4 + 0], tSB = transition[3 * 4 + 0]
            let tBE = transition[0 * 4 + 1], tME = transition[2 * 4 + 1]
            let tMM = transition[2 * 4 + 2], tBM = transition[0 * 4 + 2]
            let tSS = transition[3 * 4 + 3], tES = transition[1 * 4 + 3]
            @inline(__always) func em(_ s: UInt32, _ state: Int) -> Double {
                s < 0x10000 ? emission[Int(row[Int(s)]) &* 4 &+ state] : ml
            }
            var v0 = start[0] + em(obs[0], 0), v1 = start[1] + em(obs[0], 1)
            var v2 = start[2] + em(obs[0], 2), v3 = start[3] + em(obs[0], 3)
            var k = 1
            while k < n {
                let s = obs[k]
                // B from E or S
                let bE = v1 + tEB, bS = v3 + tSB
                let nb: Double, pb: UInt8
                if bS >= bE { nb = bS; pb = 3 } else { nb = bE; pb = 1 }
                // E from B or M
                let eB = v0 + tBE, eM = v2 + tME
                let ne: Double, pe: UInt8
                if eM >= eB { ne = eM; pe = 2 } else { ne = eB; pe = 0 }
                // M from M or B
                let mM = v2 + tMM, mB = v0 + tBM
                let nm: Double, pm: UInt8
                if mM >= mB { nm = mM; pm = 2 } else { nm = mB; pm = 0 }
                // S from S or E
                let sS = v3 + tSS, sE = v1 + tES
                let ns: Double, ps: UInt8
                if sS >= sE { ns = sS; ps = 3 } else { ns = sE; ps = 1 }
                let at = back + k &* 4
                at[0] = pb
                at[1] = pe
                at[2] = pm
                at[3] = ps
                if s < 0x10000 {
                    let r = emission + Int(row[Int(s)]) &* 4
                    v0 = nb + r[0]; v1 = ne + r[1]; v2 = nm + r[2]; v3 = ns + r[3]
                } else {
                    v0 = nb + ml; v1 = ne + ml; v2 = nm + ml; v3 = ns + ml
                }
                k &+= 1
            }
            // The last state is E or S.
            var state = v3 >= v1 ? 3 : 1
            // Walk back; the states go after the back-pointers.
            let states = back + n &* 4
            k = n &- 1
            while true {
                states[k] = UInt8(truncatingIfNeeded: state)
                if k == 0 { break }
                state = Int(back[k &* 4 &+ state])
                k &-= 1
            }
            var begin = 0, nexti = 0
            for k in 0..<n {
                switch Int(states[k]) {
                case Self.B: begin = k
                case Self.E: emit(begin, k + 1); nexti = k + 1
                case Self.S: emit(k, k + 1); nexti = k + 1
                default: break
                }
            }
            if nexti < n { emit(nexti, n) }
        }
        }
        }
    }
}
