// Require.swift: the check every public function makes on its arguments, with a message that
// survives optimised builds.
//
// Why not `precondition`: the library targets are compiled with -O even in debug builds (see
// Package.swift), and under -O the standard library's `precondition` traps *without printing its
// message* (measured with Swift 6.3.1: "Illegal instruction" and no text). A student who passes a
// [3, 2] matrix where [2, 3] was needed must read both shapes, so we stop through `fatalError`,
// which always prints.

/// Stops the program with `message` (and the caller's file and line) when `condition` is false.
///
/// Use it like `precondition`, for programmer errors: mismatched shapes, a label out of range.
/// The message is built only when the check fails, so the check costs one branch in a hot loop.
@inlinable @inline(__always)
public func require(_ condition: Bool, _ message: @autoclosure () -> String,
                    file: StaticString = #fileID, line: UInt = #line) {
    if _slowPath(!condition) { requirementFailed(message(), file: file, line: line) }
}

/// Stops the program with `message`, unconditionally (for a `default:` that cannot happen, or a
/// check too long for one condition). Out of line, so that `require` inlines to a compare and a branch.
@inline(never)
public func requirementFailed(_ message: String, file: StaticString = #fileID, line: UInt = #line) -> Never {
    fatalError(message, file: file, line: line)
}

/// Stops with a message naming `operation` and both shapes unless `condition` holds.
@inlinable @inline(__always)
public func requireShapes(_ condition: Bool, _ operation: @autoclosure () -> String, _ left: [Int], _ right: [Int],
                          file: StaticString = #fileID, line: UInt = #line) {
    if _slowPath(!condition) {
        requirementFailed("\(operation()): shapes \(left) and \(right) do not fit", file: file, line: line)
    }
}
