// Checks for exercise 17 (one convolution by hand). Run: swift run --package-path Exercises exercises 17

import ExerciseCheck
import Core
import Convolution
import Exercise17

check("MLiS II Sec. 2.2.1: the 4 x 4 image and the 3 x 3 kernel give [[72, 71], [84, 84]]") {
    let image: [[Float]] = [[0, 1, 2, 3], [4, 5, 4, 4], [6, 5, 7, 1], [1, 2, 2, 8]]
    let kernel: [[Float]] = [[1, 2, 3], [3, 4, 2], [2, 1, 1]]
    let result = crossCorrelate(image, kernel)
    expect(result == [[72, 71], [84, 84]],
            "expected [[72, 71], [84, 84]]; [[80, 77], [79, 76]] would mean the kernel was flipped (E-41); got \(result)")
}

check("Thesis ch. 2 Fig. 2.5: the diagonal 2 x 2 filter gives a 3 x 3 map [[16, 4, 8], [2, 16, 4], [8, 2, 16]]") {
    let image: [[Float]] = [[8, 2, 4, 4], [1, 8, 2, 4], [4, 1, 8, 2], [8, 4, 1, 8]]
    let result = crossCorrelate(image, [[1, 0], [0, 1]])
    expect(result == [[16, 4, 8], [2, 16, 4], [8, 2, 16]], "got \(result)")
}

check("A non-square kernel and image: 3 x 5 with a 1 x 3 kernel gives 3 x 3") {
    let image: [[Float]] = [[1, 2, 3, 4, 5], [0, 0, 1, 0, 0], [2, 2, 2, 2, 2]]
    let result = crossCorrelate(image, [[1, 0, -1]])
    expect(result == [[-2, -2, -2], [-1, 0, 1], [0, 0, 0]], "got \(result)")
}

check("The library's convolve2D on 20 random images and kernels (seed 171)") {
    var generator = Xoshiro256StarStar(seed: 171)
    for _ in 0..<20 {
        let (height, width) = (3 + generator.uniformInt(below: 5), 3 + generator.uniformInt(below: 5))
        let (kernelHeight, kernelWidth) = (1 + generator.uniformInt(below: 3), 1 + generator.uniformInt(below: 3))
        let image = (0..<height).map { _ in (0..<width).map { _ in Float(generator.uniformInt(below: 10)) } }
        let kernel = (0..<kernelHeight).map { _ in (0..<kernelWidth).map { _ in Float(generator.uniformInt(below: 5)) - 2 } }
        let g = ConvolutionGeometry(channels: 1, height: height, width: width, outputChannels: 1, kernelHeight: kernelHeight,
                                    kernelWidth: kernelWidth)
        let expected = convolve2D(Tensor(shape: [1, 1, height, width], scalars: image.flatMap { $0 }),
                                  weights: Tensor(shape: [1, 1, kernelHeight, kernelWidth], scalars: kernel.flatMap { $0 }), geometry: g)
        let got = crossCorrelate(image, kernel)
        expect(got.count == g.outputHeight && got.allSatisfy { $0.count == g.outputWidth } && got.flatMap { $0 } == expected.scalars,
                "image \(height) x \(width), kernel \(kernelHeight) x \(kernelWidth)")
    }
}

runChecks()
