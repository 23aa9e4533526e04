// ParallelTests.swift: `parallelFor` runs every iteration exactly once and returns after all of them,
// for any count and thread count, back to back, after its helpers have gone to sleep, nested, and
// from several threads at once.

import Dispatch
import Foundation
import Synchronization
import Testing
import Core

/// How many times each index ran, counted under a lock (NSLock, a pthread mutex, which
/// ThreadSanitizer understands; it does not see the ordering that Synchronization's Mutex gives).
final class RunCounts: @unchecked Sendable {   // `counts` is read and written only under `lock`.
    private let lock = NSLock()
    private var counts: [Int]
    init(_ count: Int) { counts = [Int](repeating: 0, count: count) }
    func record(_ index: Int) { lock.withLock { counts[index] += 1 } }
    var eachOnce: Bool { lock.withLock { counts.allSatisfy { $0 == 1 } } }
    func ran(_ index: Int) -> Bool { lock.withLock { counts[index] > 0 } }
}

@Suite("parallelFor")
struct ParallelTests {
    @Test("Every index 0..<count runs exactly once, for counts 0-100 and 1, 2 or 8 threads")
    func everyIndexOnce() {
        for threads in [1, 2, 8] {
            for count in 0...100 {
                let runs = RunCounts(count)
                parallelFor(count, threads: threads) { runs.record($0) }
                #expect(runs.eachOnce, "count \(count), threads \(threads)")
            }
        }
    }

    @Test("2,000 loops back to back, a helper taking part, and loops after the helpers have gone to sleep")
    func backToBackAndAfterSleep() {
        for round in 0..<2_000 {
            let runs = RunCounts(3)
            parallelFor(3, threads: 2) { runs.record($0) }
            #expect(runs.eachOnce, "round \(round)")
        }
        // Other tests may hold the pool for a while (a loop started meanwhile runs on its caller alone),
        // so this waits up to 2 s for a loop in which a helper thread ran an iteration.
        if ProcessInfo.processInfo.activeProcessorCount > 1 {
            let (caller, start) = (pthread_self(), Date())
            let helped = RunCounts(1)   // index 0 counts the iterations a helper thread ran
            while !helped.ran(0) && Date().timeIntervalSince(start) < 2 {
                parallelFor(2, threads: 2) { _ in
                    Thread.sleep(forTimeInterval: 0.0002)
                    if pthread_equal(pthread_self(), caller) == 0 { helped.record(0) }
                }
            }
            #expect(helped.ran(0), "in 2 s no iteration ran on a helper thread")
        }
        for round in 0..<5 {
            Thread.sleep(forTimeInterval: 0.002)   // longer than the helpers spin
            let runs = RunCounts(16)
            parallelFor(16, threads: 2) { runs.record($0) }
            #expect(runs.eachOnce, "after sleeping, round \(round)")
        }
    }

    @Test("A parallelFor inside a parallelFor, and four threads calling it at once")
    func nestedAndConcurrent() {
        let inner = RunCounts(8 * 8)
        parallelFor(8, threads: 2) { i in
            parallelFor(8, threads: 2) { j in inner.record(8 * i + j) }
        }
        #expect(inner.eachOnce)
        let results = RunCounts(4 * 200)
        DispatchQueue.concurrentPerform(iterations: 4) { caller in
            for round in 0..<200 {
                let runs = RunCounts(5)
                parallelFor(5, threads: 2) { runs.record($0) }
                if runs.eachOnce { results.record(caller * 200 + round) }
            }
        }
        #expect(results.eachOnce)
    }

    @Test("The loop returns only after every iteration has finished its work")
    func returnsAfterAllFinish() {
        let total = Atomic<Int>(0)
        for _ in 0..<200 {
            total.store(0, ordering: .relaxed)
            parallelFor(4, threads: 2) { i in
                var sum = 0
                for k in 0..<(1_000 * (i + 1)) { sum &+= k }   // uneven work
                total.add(sum, ordering: .relaxed)
            }
            let expected = (1...4).reduce(0) { $0 + (1_000 * $1) * (1_000 * $1 - 1) / 2 }
            #expect(total.load(ordering: .relaxed) == expected)
        }
    }
}
