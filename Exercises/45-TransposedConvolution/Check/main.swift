// The checks of exercise 45: the notes' K* (CONV-4), its transpose applied to D (CONV-5), and a
// strided case against scatter-add, with the adjoint identity <K* x, y> = <x, K*^T y>.

import ExerciseCheck
import Exercise45

let kernel: [[Float]] = [[1, 2, 3], [3, 4, 2], [2, 1, 1]]

/// Each input value times the kernel, added into the output at (i S, j S): the reference.
func scatterAdd(_ input: [[Float]], _ kernel: [[Float]], stride: Int) -> [[Float]] {
    let (kh, kw) = (kernel.count, kernel[0].count)
    var output = [[Float]](repeating: [Float](repeating: 0, count: (input[0].count - 1) * stride + kw),
                           count: (input.count - 1) * stride + kh)
    for i in input.indices {
        for j in input[0].indices {
            for a in 0..<kh { for b in 0..<kw { output[i * stride + a][j * stride + b] += input[i][j] * kernel[a][b] } }
        }
    }
    return output
}

check("CONV-4, Eq. (2.2.6): K* of the notes' 3 x 3 kernel on a 4 x 4 input (4 x 16)") {
    let matrix = unrolledKernelMatrix(kernel, inputHeight: 4, inputWidth: 4, stride: 1)
    let expected: [[Float]] = [[1, 2, 3, 0, 3, 4, 2, 0, 2, 1, 1, 0, 0, 0, 0, 0], [0, 1, 2, 3, 0, 3, 4, 2, 0, 2, 1, 1, 0, 0, 0, 0],
                               [0, 0, 0, 0, 1, 2, 3, 0, 3, 4, 2, 0, 2, 1, 1, 0], [0, 0, 0, 0, 0, 1, 2, 3, 0, 3, 4, 2, 0, 2, 1, 1]]
    expect(matrix == expected, "K* should be \(expected); got \(matrix)")
}

check("CONV-5, Eq. (2.3.5): K*^T D* with D = [[1, 2], [3, 1]] is [[1, 4, 7, 6], [6, 17, 21, 7], [11, 20, 13, 4], [6, 5, 4, 1]]") {
    let output = transposedConvolution([[1, 2], [3, 1]], kernel: kernel, stride: 1)
    let expected: [[Float]] = [[1, 4, 7, 6], [6, 17, 21, 7], [11, 20, 13, 4], [6, 5, 4, 1]]
    expect(output == expected, "expected \(expected) (size (2 - 1) 1 + 3 = 4); got \(output)")
}

check("Stride 2: a 3 x 2 input and a 3 x 2 kernel give 7 x 4 (= (I - 1)S + K), equal to scatter-add; <K* x, y> = <x, K*^T y>") {
    let input: [[Float]] = [[1, -2], [3, 0.5], [-1, 2]]
    let filter: [[Float]] = [[0.5, -1], [2, 1], [1, 3]]
    let output = transposedConvolution(input, kernel: filter, stride: 2)
    let expected = scatterAdd(input, filter, stride: 2)
    expect(output == expected, "expected \(expected); got \(output)")
    let matrix = unrolledKernelMatrix(filter, inputHeight: 7, inputWidth: 4, stride: 2)
    expect(matrix.count == 6 && matrix.allSatisfy { $0.count == 28 }, "K* for a 7 x 4 input with stride 2 is 6 x 28; got \(matrix.count) rows")
    guard matrix.count == 6 && matrix.allSatisfy({ $0.count == 28 }) else { return }
    let x = (0..<28).map { Float($0 % 5) - 2 }
    let y = input.flatMap { $0 }
    let left = zip(matrix.map { row in zip(row, x).reduce(0) { $0 + $1.0 * $1.1 } }, y).reduce(0) { $0 + $1.0 * $1.1 }
    let right = zip(x, output.flatMap { $0 }).reduce(0) { $0 + $1.0 * $1.1 }
    expect(left == right, "<K* x, D*> = \(left) but <x, K*^T D*> = \(right)")
}

runChecks()
