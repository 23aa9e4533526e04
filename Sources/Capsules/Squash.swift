// Squash.swift: the capsule non-linearity of DL Padova "Dynamic routing" (Sabour, Frosst & Hinton
// 2017, Eq. 1): v = (||s||^2 / (1 + ||s||^2)) s / ||s||, which keeps the direction of s and maps its
// length n to n^2 / (1 + n^2), so that a short vector shrinks to almost 0 and a long one to just below 1.
// Goals, in order: the notes' formula; defined everywhere (at s = 0 the value and the gradient are 0,
// never NaN; n^2 appears only as the sum of squares, so lengths up to about 1e19 are fine in Float);
// each capsule's backward pass beside its forward; the work done by Core's SIMD kernels on each
// capsule's run of D values, with a plain per-vector twin in Double (`squashReference`).
//
// Writing f(n) = n / (1 + n^2), the squash is v = f(n) s, i.e. v = f(n) n u with u = s / n.
// f(n) = 1 / (n + 1/n) for n > 0 avoids squaring a huge n; f(0) = 0.
// f'(n) = (1 - n^2) / (1 + n^2)^2 = t (2t - 1) with t = 1 / (1 + n^2), which is 0 (not NaN) when n^2
// overflows.

import Core

/// squash(s) for every capsule of a tensor [..., D]: the last axis holds one capsule's vector.
///
/// ```swift
/// squash(Tensor([[3, 4]])).scalars          // [0.5769231, 0.7692308] = (15/26, 20/26); length 25/26
/// squash(Tensor([[0.1, 0]])).scalars        // [0.00990099, 0]: a short vector shrinks to about n^2
/// squash(Tensor([[0, 0]])).scalars          // [0, 0] (no NaN)
/// ```
/// Precondition: rank >= 2 ([capsules, D] at least) and D >= 1.
/// DL Padova "Dynamic routing" (the squashing function); Sabour et al. 2017, Eq. (1)
public func squash(_ s: Tensor) -> Tensor {
    let dimension = s.shape[requireCapsuleAxis(s, "squash")]
    var v = Tensor(shape: s.shape)
    s.scalars.withUnsafeBufferPointer { input in
        v.scalars.withUnsafeMutableBufferPointer { output in
            for start in stride(from: 0, to: input.count, by: dimension) {
                let capsule = run(input, start, dimension)
                let n = Kernels.dot(capsule, capsule).squareRoot()
                Kernels.axpy(lengthRatio(n), capsule, run(output, start, dimension))          // v = f(n) s
            }
        }
    }
    return v
}

/// dJ/ds from dJ/dv for v = squash(s), every capsule at once (shapes [..., D]).
///
/// The Jacobian of v = f(n) s is dv/ds = f(n) I + n f'(n) u u^T with u = s / n (dn/ds = u^T), so
///     dJ/ds = f(n) g + n f'(n) (u . g) u = f(n) g + f'(n) ((s . g) / n) s.
/// Along u the slope is f + n f' = 2n / (1 + n^2)^2, the derivative of the length n^2 / (1 + n^2);
/// across u it is f, the ratio of the lengths. At s = 0 it is 0: v = f(n) s is of second order in s
/// there. Precondition: equal shapes.
public func squashBackward(_ outputGradient: Tensor, input s: Tensor) -> Tensor {
    requireShapes(outputGradient.shape == s.shape, "squashBackward: dJ/dv vs s", outputGradient.shape, s.shape)
    let dimension = s.shape[requireCapsuleAxis(s, "squashBackward")]
    var inputGradient = Tensor(shape: s.shape)
    s.scalars.withUnsafeBufferPointer { input in
        outputGradient.scalars.withUnsafeBufferPointer { g in
            inputGradient.scalars.withUnsafeMutableBufferPointer { result in
                for start in stride(from: 0, to: input.count, by: dimension) {
                    let (capsule, gradient, target) = (run(input, start, dimension), run(g, start, dimension), run(result, start, dimension))
                    let n = Kernels.dot(capsule, capsule).squareRoot()
                    guard n > 0 else { continue }
                    let t = 1 / (1 + n * n)
                    Kernels.axpy(lengthRatio(n), gradient, target)                                          // f(n) g
                    Kernels.axpy(t * (2 * t - 1) * (Kernels.dot(capsule, gradient) / n), capsule, target)   // + f'(n) ((s . g)/n) s
                }
            }
        }
    }
    return inputGradient
}

/// f(n) = n / (1 + n^2) = ||v|| / ||s||, written 1 / (n + 1/n) so that n^2 never overflows; f(0) = 0.
@inline(__always)
func lengthRatio(_ n: Float) -> Float {
    n > 0 ? 1 / (n + 1 / n) : 0
}

/// The length of squash(s) from the length of s: ||v|| = n^2 / (1 + n^2), always in [0, 1).
public func squashedLength(_ n: Double) -> Double {
    n > 0 ? n / (n + 1 / n) : 0
}

/// The notes' formula on one vector, term by term in Double: (||s||^2 / (1 + ||s||^2)) s / ||s||, with
/// squash(0) = 0. The readable twin of `squash`, which the tests compare against.
public func squashReference(_ s: [Double]) -> [Double] {
    let squaredLength = s.reduce(0) { $0 + $1 * $1 }
    guard squaredLength > 0 else { return s.map { _ in 0 } }
    let length = squaredLength.squareRoot()
    return s.map { (squaredLength / (1 + squaredLength)) * $0 / length }
}

/// The capsule axis (the last one) after checking that `s` is [..., D] with rank >= 2 and D >= 1.
func requireCapsuleAxis(_ s: Tensor, _ operation: String) -> Int {
    require(s.rank >= 2 && s.shape.last! >= 1,
            "\(operation): needs capsules [..., D] (rank >= 2, D >= 1), got shape \(s.shape)")
    return s.rank - 1
}
