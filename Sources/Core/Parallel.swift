// Parallel.swift: a parallel loop for the kernels (GEMM strips, convolution batch chunks), run by a
// pool of helper threads that keep spinning for a short while after each loop.
// Goals, in order: every iteration run exactly once, and the loop returns only after all have
// finished; nothing about the answer depends on which thread ran which iteration (callers split work
// by shape, never by thread); a second core that starts within a microsecond when loops come back to
// back. DispatchQueue.concurrentPerform wakes a sleeping worker, which took 30-100 us on this machine
// (CONVENTIONS.md, "Threads"): as long as a 64-image convolution takes on one core.
//
// How: one 64-bit word holds the loop's number (high 32 bits) and how many of its iterations are still
// unclaimed (low 32); iterations are handed out from the last down. A thread claims one by a
// compare-and-swap that succeeds only while the word still names its loop, so a helper that wakes
// late can never take an iteration of the next loop, nor run past the end of its own. Helpers
// spin on the word for `spinDuration`, then sleep on a condition variable until the next loop.

import Foundation
import Synchronization

/// Runs `body(i)` for i in 0..<count on up to `threads` threads (the caller's included), returning
/// when all have finished. One thread (or count <= 1) runs a plain loop on the caller. A loop started
/// while another runs (from another thread, or from inside `body`) also runs as a plain loop, so
/// nested and concurrent calls are safe; only the speed differs.
///
/// ```swift
/// let sums = UnsafeMutableBufferPointer<Float>.allocate(capacity: 4)   // each i writes only sums[i]
/// parallelFor(4, threads: 2) { i in sums[i] = Float(i * i) }
/// ```
public func parallelFor(_ count: Int, threads: Int, _ body: (Int) -> Void) {
    if threads <= 1 || count <= 1 {
        for index in 0..<count { body(index) }
    } else {
        WorkerPool.shared.run(count, threads: threads, body)
    }
}

/// The helper threads behind `parallelFor`: one fewer than the machine's cores, started on first use.
final class WorkerPool: @unchecked Sendable {   // Shared state is atomics, or written only between loops.
    static let shared = WorkerPool(helpers: ProcessInfo.processInfo.activeProcessorCount - 1)

    /// How long a helper spins after a loop before it sleeps: long enough to catch the next loop of a
    /// training step or a benchmark, short enough not to steal a core from other work for long.
    static let spinDuration: UInt64 = 100_000   // nanoseconds

    private let helperCount: Int
    /// Loop number << 32 | iterations not yet claimed (iteration `unclaimed - 1` is the next one).
    private let claims = Atomic<UInt64>(0)
    /// Helpers 0 ..< participants - 1 take part in the current loop (the caller is the other one).
    private let participants = Atomic<Int>(0)
    private let finished = Atomic<Int>(0)
    private let running = Atomic<Bool>(false)
    private let sleepers = Atomic<Int>(0)
    private let wakeUp = NSCondition()
    /// The current loop's body: set before the loop is published, read only by a thread that has
    /// claimed one of its iterations (so the loop cannot have ended), cleared after it ends.
    private var body: ((Int) -> Void)?

    init(helpers: Int) {
        helperCount = max(0, helpers)
        for helper in 0..<helperCount {
            let thread = Thread { [self] in helperLoop(helper) }
            thread.name = "parallelFor helper \(helper + 1)"
            thread.start()
        }
    }

    func run(_ count: Int, threads: Int, _ work: (Int) -> Void) {
        guard helperCount > 0, count < 1 << 31,
              running.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            for index in 0..<count { work(index) }
            return
        }
        withoutActuallyEscaping(work) { work in
            body = work
            participants.store(threads, ordering: .relaxed)
            finished.store(0, ordering: .relaxed)
            let loop = ((claims.load(ordering: .relaxed) >> 32) &+ 1) & 0xFFFF_FFFF
            claims.store(loop << 32 | UInt64(count), ordering: .sequentiallyConsistent)
            if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
                wakeUp.lock()
                wakeUp.broadcast()
                wakeUp.unlock()
            }
            runIterations(of: loop)
            var spins = 0
            while finished.load(ordering: .acquiring) < count {
                spins += 1
                if spins % 1024 == 0 { sched_yield() }   // a helper was descheduled mid-iteration
            }
            body = nil
        }
        running.store(false, ordering: .releasing)
    }

    /// Claims and runs iterations of loop `loop` until none is left.
    private func runIterations(of loop: UInt64) {
        var word = claims.load(ordering: .acquiring)
        while word >> 32 == loop && word & 0xFFFF_FFFF > 0 {
            let (claimed, current) = claims.compareExchange(expected: word, desired: word - 1, ordering: .acquiringAndReleasing)
            if claimed {
                body!(Int(word & 0xFFFF_FFFF) - 1)
                finished.add(1, ordering: .releasing)
                word = claims.load(ordering: .acquiring)
            } else {
                word = current
            }
        }
    }

    private func helperLoop(_ helper: Int) {
        var seen: UInt64 = 0
        while true {
            let loop = waitForLoop(after: seen)
            seen = loop
            if helper < participants.load(ordering: .relaxed) - 1 {
                runIterations(of: loop)
            }
        }
    }

    /// The number of the first loop after `seen`: spins for `spinDuration`, then sleeps.
    private func waitForLoop(after seen: UInt64) -> UInt64 {
        let start = DispatchTime.now().uptimeNanoseconds
        var spins = 0
        while true {
            let loop = claims.load(ordering: .acquiring) >> 32
            if loop != seen { return loop }
            spins += 1
            if spins % 256 == 0 && DispatchTime.now().uptimeNanoseconds - start > Self.spinDuration { break }
        }
        wakeUp.lock()
        sleepers.add(1, ordering: .sequentiallyConsistent)
        while claims.load(ordering: .sequentiallyConsistent) >> 32 == seen { wakeUp.wait() }
        sleepers.subtract(1, ordering: .sequentiallyConsistent)
        wakeUp.unlock()
        return claims.load(ordering: .acquiring) >> 32
    }
}
