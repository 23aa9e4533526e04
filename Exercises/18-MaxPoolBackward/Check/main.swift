// Checks for exercise 18 (max-pool backward). Run: swift run --package-path Exercises exercises 18

import ExerciseCheck
import Core
import Convolution
import Exercise18

check("By hand: 2 x 2 windows on a 2 x 4 image send 10 to the 5 and 20 to the 8") {
    let result = maxPoolBackward(input: [[1, 5, 2, 0], [3, 4, 7, 8]], outputGradient: [[10, 20]], size: 2)
    expect(result == [[0, 10, 0, 0], [0, 0, 0, 20]], "got \(result)")
}

check("On a tie the first winner in reading order takes the whole gradient; a 5 x 5 image with 2 x 2 windows leaves its last row and column at 0") {
    let tie = maxPoolBackward(input: [[3, 3], [3, 3]], outputGradient: [[1]], size: 2)
    expect(tie == [[1, 0], [0, 0]], "got \(tie)")
    let image = (0..<5).map { r in (0..<5).map { c in Float(r * 5 + c) } }
    let result = maxPoolBackward(input: image, outputGradient: [[1, 2], [3, 4]], size: 2)
    var expected = [[Float]](repeating: [0, 0, 0, 0, 0], count: 5)
    (expected[1][1], expected[1][3], expected[3][1], expected[3][3]) = (1, 2, 3, 4)
    expect(result == expected, "got \(result)")
}

check("The library's maxPool2DBackward on 20 random images, windows 2 and 3 (seed 181)") {
    var generator = Xoshiro256StarStar(seed: 181)
    for _ in 0..<20 {
        let size = 2 + generator.uniformInt(below: 2)
        let (height, width) = (size * (1 + generator.uniformInt(below: 3)), size * (1 + generator.uniformInt(below: 3)))
        let image = (0..<height).map { _ in (0..<width).map { _ in generator.normal() } }
        let gradient = (0..<(height / size)).map { _ in (0..<(width / size)).map { _ in generator.normal() } }
        let g = PoolingGeometry(channels: 1, height: height, width: width, size: size)
        let (_, winners) = maxPool2D(Tensor(shape: [1, 1, height, width], scalars: image.flatMap { $0 }), geometry: g)
        let expected = maxPool2DBackward(Tensor(shape: [1, 1, height / size, width / size], scalars: gradient.flatMap { $0 }),
                                         winners: winners, inputShape: [1, 1, height, width])
        let got = maxPoolBackward(input: image, outputGradient: gradient, size: size)
        expect(got.flatMap { $0 } == expected.scalars, "\(height) x \(width), window \(size)")
    }
}

runChecks()
