// Checks for exercise 16 (the output size of a convolution). Run: swift run --package-path Exercises exercises 16

import ExerciseCheck
import Core
import Convolution
import Exercise16

check("DAT300's three examples on 32 pixels: K 5 S 1 P 0 -> 28; K 5 S 1 P 2 -> 32; K 2 S 2 P 2 -> 18") {
    expect(outputSize(input: 32, kernel: 5, stride: 1, padding: 0, dilation: 1) == 28, "outputSize(input: 32, kernel: 5, stride: 1, padding: 0, dilation: 1) == 28: expected \(28), got \(outputSize(input: 32, kernel: 5, stride: 1, padding: 0, dilation: 1))")
    expect(outputSize(input: 32, kernel: 5, stride: 1, padding: 2, dilation: 1) == 32, "outputSize(input: 32, kernel: 5, stride: 1, padding: 2, dilation: 1) == 32: expected \(32), got \(outputSize(input: 32, kernel: 5, stride: 1, padding: 2, dilation: 1))")
    expect(outputSize(input: 32, kernel: 2, stride: 2, padding: 2, dilation: 1) == 18, "outputSize(input: 32, kernel: 2, stride: 2, padding: 2, dilation: 1) == 18: expected \(18), got \(outputSize(input: 32, kernel: 2, stride: 2, padding: 2, dilation: 1))")
}

check("MLiS II's figures: same padding 3 -> 3, full padding 3 -> 5 (E-37), stride 2 on 5 -> 2, a 2-tap kernel dilated by 2 on 5 -> 3") {
    expect(outputSize(input: 3, kernel: 3, stride: 1, padding: 1, dilation: 1) == 3, "outputSize(input: 3, kernel: 3, stride: 1, padding: 1, dilation: 1) == 3: expected \(3), got \(outputSize(input: 3, kernel: 3, stride: 1, padding: 1, dilation: 1))")
    expect(outputSize(input: 3, kernel: 3, stride: 1, padding: 2, dilation: 1) == 5, "full padding P = K - 1 = 2 gives 5 (E-37)")
    expect(outputSize(input: 5, kernel: 3, stride: 2, padding: 0, dilation: 1) == 2, "outputSize(input: 5, kernel: 3, stride: 2, padding: 0, dilation: 1) == 2: expected \(2), got \(outputSize(input: 5, kernel: 3, stride: 2, padding: 0, dilation: 1))")
    expect(outputSize(input: 5, kernel: 2, stride: 1, padding: 0, dilation: 2) == 3, "the dilated kernel spans 3 pixels")
}

check("Rounding down when S does not divide I + 2P - K (E-22: 32 with K 9 S 2 gives 12, not 12.5)") {
    expect(outputSize(input: 32, kernel: 9, stride: 2, padding: 0, dilation: 1) == 12, "outputSize(input: 32, kernel: 9, stride: 2, padding: 0, dilation: 1) == 12: expected \(12), got \(outputSize(input: 32, kernel: 9, stride: 2, padding: 0, dilation: 1))")
    expect(outputSize(input: 7, kernel: 3, stride: 3, padding: 0, dilation: 1) == 2, "outputSize(input: 7, kernel: 3, stride: 3, padding: 0, dilation: 1) == 2: expected \(2), got \(outputSize(input: 7, kernel: 3, stride: 3, padding: 0, dilation: 1))")
}

check("The library's convolutionOutputSize on 200 random cases (seed 161)") {
    var generator = Xoshiro256StarStar(seed: 161)
    for _ in 0..<200 {
        let (kernel, dilation, stride, padding) = (1 + generator.uniformInt(below: 5), 1 + generator.uniformInt(below: 3),
                                                   1 + generator.uniformInt(below: 4), generator.uniformInt(below: 4))
        let input = max(1, dilation * (kernel - 1) + 1 - 2 * padding) + generator.uniformInt(below: 30)
        let expected = convolutionOutputSize(input: input, kernel: kernel, stride: stride, padding: padding, dilation: dilation)
        let got = outputSize(input: input, kernel: kernel, stride: stride, padding: padding, dilation: dilation)
        expect(got == expected, "I \(input), K \(kernel), S \(stride), P \(padding), d \(dilation)")
        if got != expected { break }
    }
}

runChecks()
