import Dispatch

/// `transform(0..<count)` computed on every core; the results in index order.
public func concurrentMap<T: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
    guard count > 1 else { return (0..<count).map(transform) }
    return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
        let base = UncheckedBuffer(buffer.baseAddress!)
        DispatchQueue.concurrentPerform(iterations: count) { i in
            (base.pointer + i).initialize(to: transform(i))
        }
        initialized = count
    }
}

/// A pointer handed to concurrent iterations that each write a slot of their own.
private struct UncheckedBuffer<T>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<T>
    init(_ pointer: UnsafeMutablePointer<T>) { self.pointer = pointer }
}
