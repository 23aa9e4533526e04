// Shared inputs of the axis-operation tests: awkward shapes, seeded tensors, and the index trick that
// turns a data-moving operation into the map "output j reads input map[j]" for Double gradient checks.

import Testing
import Core

enum AxisTestSupport {
    /// Ranks 1 to 4, extents 0, 1, 7 and 17, so that runs are empty, single, short and long, and the
    /// reduced values are contiguous (last axis) or strided (any other).
    static let awkwardShapes: [[Int]] = [
        [7], [17], [1], [1, 7], [7, 1], [3, 17], [17, 2, 1], [2, 7, 3], [1, 17, 1], [2, 3, 7, 5], [3, 1, 17, 2],
        [0, 3], [2, 0, 3],
    ]

    /// Every (shape, axis) pair of `awkwardShapes`.
    static let shapesAndAxes: [(shape: [Int], axis: Int)] = awkwardShapes.flatMap { shape in shape.indices.map { (shape, $0) } }

    /// A tensor of N(0, 1) entries from the house generator, labelled by `seed`.
    static func randomTensor(_ shape: [Int], seed: UInt64) -> Tensor {
        var generator = Xoshiro256StarStar(seed: seed)
        return generator.normalTensor(shape: shape)
    }

    /// The tensor of `shape` whose entries are their own flat indices 0, 1, 2, ... (exact in Float
    /// below 2^24), starting from `offset`.
    static func indexTensor(_ shape: [Int], offset: Int = 0) -> Tensor {
        Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { Float(offset + $0) })
    }

    /// For an operation that only moves values: applied to the index tensor, it says which input
    /// element each output element reads.
    static func sourceIndices(of result: Tensor) -> [Int] { result.scalars.map { Int($0) } }

    /// J(x) = sum_j c_j x[map_j] in Double, the weighted sum of a data-moving operation's outputs.
    static func weightedSum(_ x: [Double], map: [Int], weights: [Float]) -> Double {
        zip(map, weights).reduce(0.0) { $0 + x[$1.0] * Double($1.1) }
    }

    /// The axes of `rank` with `axis` moved to the end: permuting by it lines up each reduced fibre.
    static func moveToEnd(_ axis: Int, rank: Int) -> [Int] { (0..<rank).filter { $0 != axis } + [axis] }

    /// For a reduction along `axis` of a tensor of `shape`: the input indices of each output's values,
    /// in the output's row-major order (the index tensor with `axis` moved last, cut into rows).
    static func fibres(_ shape: [Int], axis: Int) -> [[Int]] {
        let lined = indexTensor(shape).permuted(moveToEnd(axis, rank: shape.count))
        let extent = shape[axis]
        let outputs = shape.indices.filter { $0 != axis }.map { shape[$0] }.reduce(1, *)
        return (0..<outputs).map { row in (0..<extent).map { Int(lined.scalars[row * extent + $0]) } }
    }
}

/// The largest gradient-check error (GradientCheck.maximumError) allowed between a backward pass in
/// Float and central differences in Double: Float rounding leaves about 1e-6, a wrong term far more.
let axisGradientTolerance = 1e-4
