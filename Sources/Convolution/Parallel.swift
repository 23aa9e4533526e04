// Parallel.swift: splitting a batch of images into chunks and running the chunks on the machine's
// cores; raw buffers that threads share.
// Goals, in order: the same answer bit for bit whatever the number of threads (chunks depend only on
// the shapes, partial sums are added in chunk order); a second thread only where it pays.

import Core
import Foundation

/// A buffer that several threads read, or write in disjoint parts.
struct SharedBuffer: @unchecked Sendable {   // Each chunk writes only its own images or its own partial sums.
    let base: UnsafeMutablePointer<Float>
    let count: Int

    /// `count` zeroed floats; free with `deallocate()`.
    init(zeroed count: Int) {
        base = .allocate(capacity: max(count, 1))
        base.initialize(repeating: 0, count: max(count, 1))
        self.count = count
    }

    init(_ base: UnsafeMutablePointer<Float>, count: Int) { (self.base, self.count) = (base, count) }

    func deallocate() { base.deallocate() }
}

/// A read-only buffer shared by threads.
struct SharedReadOnlyBuffer: @unchecked Sendable {   // Never written while the threads run.
    let base: UnsafePointer<Float>
}

enum BatchChunks {
    /// Below this many multiply-adds per chunk a second thread costs more than it saves (about 5 us of
    /// work at ~25 GMAC/s; `parallelFor`'s helpers join within a microsecond). Measured: a batch of
    /// 64 8 x 8 images, 1 -> 8 channels (2^17.2 per chunk), ran 5.4M images/s on two threads against
    /// 4.0M on one.
    static let minimumMultiplyAddsPerThread = 1 << 17

    /// How many threads to use by default: the machine's cores.
    static var defaultThreads: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// The chunks (ranges of images) of a batch of `batch` images: at most `maximumImages` images each,
    /// and at least two chunks when the work (`multiplyAddsPerImage` each) is worth two threads.
    /// Depends only on the shapes, so results do not change with the thread count.
    static func chunks(batch: Int, multiplyAddsPerImage: Int, maximumImages: Int) -> [Range<Int>] {
        guard batch > 0 else { return [] }
        var size = max(1, min(batch, maximumImages))
        if batch * multiplyAddsPerImage >= 2 * minimumMultiplyAddsPerThread {
            size = min(size, (batch + 1) / 2)
        }
        return stride(from: 0, to: batch, by: size).map { $0..<min($0 + size, batch) }
    }

    /// Runs `body(index)` for every chunk index, on up to `threads` threads when the total work is
    /// worth it, else in a plain loop on the calling thread.
    static func run(_ count: Int, totalMultiplyAdds: Int, threads: Int, _ body: @Sendable (Int) -> Void) {
        let useful = min(threads, count, totalMultiplyAdds / minimumMultiplyAddsPerThread)
        parallelFor(count, threads: useful, body)
    }
}
