import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a clean-up when the run is interrupted (SIGINT, SIGTERM, SIGHUP) and then exits with the
/// conventional status 128 + signal, so that an interrupted run leaves no partial files and the
/// previous reports as they were.
final class Interrupts: @unchecked Sendable {
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    private var sources: [DispatchSourceSignal] = []

    init(_ cleanUp: @escaping @Sendable () -> Void) {
        for number in Self.signals {
            // Delivered to the dispatch source instead of ending the process at once.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                cleanUp()
                printError("tuiwei: interrupted (signal \(number)); no report files were changed by this run")
                exit(128 + number)
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Gives the signals their default action back.
    func stop() {
        for source in sources { source.cancel() }
        sources = []
        for number in Self.signals { signal(number, SIG_DFL) }
    }
}
