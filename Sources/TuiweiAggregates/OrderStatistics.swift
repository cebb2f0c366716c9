/// The elements that would stand at `ranks` if `values` were sorted ascending, found by selection
/// rather than by a full sort: a bootstrap reads two quantiles of thousands of means.
///
/// `values` is reordered. Each rank is placed by a three-way quickselect (equal elements are set
/// aside at once, so repeated values cost nothing extra); a range that keeps partitioning badly is
/// sorted instead, so the cost stays O(n log n) at worst. The returned elements are the very ones
/// a sort would put at those positions, in the order of `ranks`.
func orderStatistics<T: Comparable>(_ values: inout [T], at ranks: [Int]) -> [T] {
    precondition(ranks.allSatisfy { values.indices.contains($0) }, "rank out of range")
    let wanted = ranks.sorted().reduce(into: [Int]()) { if $0.last != $1 { $0.append($1) } }
    values.withUnsafeMutableBufferPointer { v in
        placeRanks(wanted[...], in: v, v.startIndex..<v.endIndex)
    }
    return ranks.map { values[$0] }
}

/// Puts every rank of `ranks` (ascending, all inside `range`) in its sorted place: the middle
/// rank first, then the ranks on either side of it within the elements on that side.
private func placeRanks<T: Comparable>(_ ranks: ArraySlice<Int>, in v: UnsafeMutableBufferPointer<T>, _ range: Range<Int>) {
    guard !ranks.isEmpty else { return }
    let mid = ranks.startIndex + ranks.count / 2
    let k = ranks[mid]
    select(k, in: v, range)
    placeRanks(ranks[..<mid], in: v, range.lowerBound..<k)
    placeRanks(ranks[(mid + 1)...], in: v, (k + 1)..<range.upperBound)
}

/// Rearranges `v[range]` so that `v[k]` is the element a sort would put there, with nothing
/// greater before it and nothing smaller after it.
private func select<T: Comparable>(_ k: Int, in v: UnsafeMutableBufferPointer<T>, _ range: Range<Int>) {
    var lo = range.lowerBound, hi = range.upperBound
    // Partitions allowed before the range is sorted outright: twice the depth of a balanced split.
    var budget = 2 * (Int.bitWidth - range.count.leadingZeroBitCount)
    while hi - lo > 16 {
        if budget == 0 {
            var part = UnsafeMutableBufferPointer(rebasing: v[lo..<hi])
            part.sort()
            return
        }
        budget -= 1
        let pivot = hi - lo > 256 ? sampledPivot(for: k, in: v, lo..<hi) : medianOfThree(v[lo], v[lo + (hi - lo) / 2], v[hi - 1])
        // v[lo..<lt] < pivot, v[lt..<i] == pivot, v[gt..<hi] > pivot.
        var lt = lo, i = lo, gt = hi
        while i < gt {
            if v[i] < pivot {
                v.swapAt(lt, i)
                lt += 1
                i += 1
            } else if pivot < v[i] {
                gt -= 1
                v.swapAt(i, gt)
            } else {
                i += 1
            }
        }
        if k < lt { hi = lt } else if k >= gt { lo = gt } else { return }
    }
    // A short range: insertion sort.
    if hi - lo > 1 {
        for i in (lo + 1)..<hi {
            let x = v[i]
            var j = i
            while j > lo, x < v[j - 1] {
                v[j] = v[j - 1]
                j -= 1
            }
            v[j] = x
        }
    }
}

/// A pivot for placing rank `k` of a long range: an element of an evenly spaced sample, a little
/// past k's place in the sample towards the middle of the range, so that k most likely falls on
/// the short side of the partition. Quantiles near the ends, as a bootstrap reads, then cost
/// about one pass, with the pass's comparisons mostly going one way.
private func sampledPivot<T: Comparable>(for k: Int, in v: UnsafeMutableBufferPointer<T>, _ range: Range<Int>) -> T {
    let size = 63, margin = 3
    let count = range.count
    return withUnsafeTemporaryAllocation(of: T.self, capacity: size) { buffer in
        var sample = buffer
        for i in 0..<size { sample.initializeElement(at: i, to: v[range.lowerBound + i * (count - 1) / (size - 1)]) }
        defer { sample.deinitialize() }
        sample.sort()
        let j = (k - range.lowerBound) * (size - 1) / (count - 1)
        return sample[j < size / 2 ? min(j + margin, size - 1) : max(j - margin, 0)]
    }
}

private func medianOfThree<T: Comparable>(_ a: T, _ b: T, _ c: T) -> T {
    if a < b {
        if b < c { return b }
        return a < c ? c : a
    }
    if a < c { return a }
    return b < c ? c : b
}
