// The convolution figures of MLiS II Sec. 2.2 and 2.3, as grids of the numbers the library computes:
// Fig. 2.2.1 (a 3-channel convolution: per-channel maps summed, plus a bias), Fig. 2.2.2 (same
// padding), Fig. 2.2.3 (full padding: a 5 x 5 output, E-37), Fig. 2.2.4 (stride 2), Fig. 2.2.5 (max
// pooling), Fig. 2.3.1 (pointwise), Fig. 2.3.2 (depthwise), Fig. 2.3.3 (dilation 2). The inputs are
// small integers drawn from a fixed seed, so every cell can be checked by hand with Eq. (2.2.5).

import Core
import Convolution

func notesFiguresSection(options: ChapterOptions) throws {
    print("6. Figures of the notes drawn by the library's own convolution (Figs. 2.2.1-2.2.5, 2.3.1-2.3.3, 2.7.3; Eq. (2.2.6))")
    var generator = Xoshiro256StarStar(seed: 1)
    try multiChannelFigure(generator: &generator, options: options)
    try paddingFigures(generator: &generator, options: options)
    try strideAndPoolingFigures(generator: &generator, options: options)
    try pointwiseAndDepthwiseFigures(generator: &generator, options: options)
    try dilationFigure(generator: &generator, options: options)
    try unrolledKernelFigure(options: options)
    try overlapFigure(options: options)
    print("")
}

/// A [N, C, H, W] tensor of integers in `low...high`, drawn from `generator`.
func integerTensor(_ shape: [Int], _ low: Int, _ high: Int, _ generator: inout Xoshiro256StarStar) -> Tensor {
    Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { _ in Float(low + generator.uniformInt(below: high - low + 1)) })
}

/// Channel `c` of image 0 of a [N, C, H, W] tensor as rows of Doubles.
func plane(_ tensor: Tensor, channel c: Int = 0) -> [[Double]] {
    let (height, width) = (tensor.shape[2], tensor.shape[3])
    return (0..<height).map { i in (0..<width).map { j in Double(tensor.scalars[(c * height + i) * width + j]) } }
}

/// `rows` with `amount` zeros on every side: what the kernel slides over when padding is applied.
func padded(_ rows: [[Double]], by amount: Int) -> [[Double]] {
    let width = rows[0].count + 2 * amount
    let zeros = [Double](repeating: 0, count: width)
    let middle = rows.map { [Double](repeating: 0, count: amount) + $0 + [Double](repeating: 0, count: amount) }
    return Array(repeating: zeros, count: amount) + middle + Array(repeating: zeros, count: amount)
}

/// The cells of a size x size window whose top-left corner is (top, left), `step` apart (the dilation).
func window(top: Int, left: Int, size: Int, step: Int = 1) -> [(Int, Int)] {
    (0..<size).flatMap { i in (0..<size).map { j in (top + i * step, left + j * step) } }
}

/// Writes `grid`, prints its path and caption (the caption line becomes the report page's caption).
func writeGrid(_ grid: NumberGrid, _ file: String, caption: String, options: ChapterOptions) throws {
    let path = try options.figurePath(file)
    try grid.write(to: path)
    print("   wrote \(path)\n      \(caption)")
}

/// Fig. 2.2.1: each channel of a 3 x 5 x 5 input convolved with its own 3 x 3 kernel slice; the three
/// maps summed plus the bias equal the library's 3-channel convolve2D.
func multiChannelFigure(generator: inout Xoshiro256StarStar, options: ChapterOptions) throws {
    let input = integerTensor([1, 3, 5, 5], 0, 3, &generator)
    let kernel = integerTensor([1, 3, 3, 3], -1, 1, &generator)
    let bias = Tensor(shape: [1], scalars: [1])
    let output = convolve2D(input, weights: kernel, bias: bias, geometry: ConvolutionGeometry(channels: 3, height: 5, width: 5, outputChannels: 1, kernel: 3))
    let single = ConvolutionGeometry(channels: 1, height: 5, width: 5, outputChannels: 1, kernel: 3)
    var grid = NumberGrid(title: "A 3-channel 5 x 5 input, one 3 x 3 x 3 kernel, bias 1 (Fig. 2.2.1)")
    var total = [Float](repeating: 1, count: 9)
    for c in 0..<3 {
        let channelInput = Tensor(shape: [1, 1, 5, 5], scalars: Array(input.scalars[(c * 25)..<(c * 25 + 25)]))
        let channelKernel = Tensor(shape: [1, 1, 3, 3], scalars: Array(kernel.scalars[(c * 9)..<(c * 9 + 9)]))
        let map = convolve2D(channelInput, weights: channelKernel, geometry: single)
        total = zip(total, map.scalars).map(+)
        grid.add("input, channel \(c + 1)", plane(input, channel: c), tint: .blue, highlighted: window(top: 0, left: 0, size: 3))
        grid.add(symbol: "*")
        grid.add("kernel, channel \(c + 1)", plane(kernel, channel: c), tint: .grey)
        grid.add(symbol: "=")
        grid.add("map \(c + 1)", plane(map), tint: .orange, highlighted: [(0, 0)])
        grid.newRow()
    }
    grid.add("map 1 + map 2 + map 3 + bias 1 = output", plane(output), tint: .green, highlighted: [(0, 0)])
    require(total == output.scalars, "Fig. 2.2.1: the summed channel maps disagree with the 3-channel convolution")
    print("   Fig. 2.2.1: output = \(plane(output).map { $0.map { Int($0) } }) (the three channel maps summed, plus 1)")
    try writeGrid(grid, "fig-2.2.1-multi-channel.svg", caption: "Fig. 2.2.1: a 3-channel convolution is three single-channel ones, summed, plus a bias", options: options)
}

/// One convolution of `input` [1, 1, H, W] with `kernel` [1, 1, K, K] as a grid: the input (padded), the kernel, the output.
func convolutionGrid(title: String, input: Tensor, kernel: Tensor, geometry: ConvolutionGeometry,
                     inputCells: [(Int, Int)], outputCell: (Int, Int)) -> (grid: NumberGrid, output: Tensor) {
    let output = convolve2D(input, weights: kernel, geometry: geometry)
    var grid = NumberGrid(title: title)
    let label = geometry.padTop == 0 ? "input" : "input with \(geometry.padTop) ring(s) of zero padding"
    grid.add(label, padded(plane(input), by: geometry.padTop), tint: .blue, highlighted: inputCells)
    grid.add(symbol: "*")
    grid.add("kernel", plane(kernel), tint: .grey)
    grid.add(symbol: "=")
    grid.add("output \(geometry.outputHeight) x \(geometry.outputWidth)", plane(output), tint: .green, highlighted: [outputCell])
    return (grid, output)
}

/// Fig. 2.2.2 (same padding, 3 x 3 -> 3 x 3) and Fig. 2.2.3 (full padding, 3 x 3 -> 5 x 5 by Eq. (2.2.8), E-37).
func paddingFigures(generator: inout Xoshiro256StarStar, options: ChapterOptions) throws {
    let input = integerTensor([1, 1, 3, 3], 0, 3, &generator)
    let kernel = integerTensor([1, 1, 3, 3], -1, 1, &generator)
    for (padding, tag, number) in [(Padding.same, "same", "2.2.2"), (.full, "full", "2.2.3")] {
        let g = ConvolutionGeometry(channels: 1, height: 3, width: 3, outputChannels: 1, kernel: 3, padding: padding)
        let (grid, output) = convolutionGrid(title: "\(tag.capitalized) padding: 3 x 3 input, 3 x 3 kernel (Fig. \(number))", input: input, kernel: kernel,
                                             geometry: g, inputCells: window(top: 0, left: 0, size: 3), outputCell: (0, 0))
        print("   Fig. \(number), \(tag) padding P = \(g.padTop): output \(g.outputHeight) x \(g.outputWidth) = \(plane(output).map { $0.map { Int($0) } })"
              + (padding == .full ? " (the caption's 3 x 3 is E-37)" : ""))
        try writeGrid(grid, "fig-\(number)-\(tag)-padding.svg",
                      caption: "Fig. \(number): \(tag) padding, the red window computes the red output cell", options: options)
    }
}

/// Fig. 2.2.4 (5 x 5 input, 3 x 3 kernel, stride 2 -> 2 x 2) and Fig. 2.2.5 (3 x 3 max pooling, stride 1, of a 5 x 5 input).
func strideAndPoolingFigures(generator: inout Xoshiro256StarStar, options: ChapterOptions) throws {
    let input = integerTensor([1, 1, 5, 5], 0, 9, &generator)
    let kernel = integerTensor([1, 1, 3, 3], -1, 1, &generator)
    let g = ConvolutionGeometry(channels: 1, height: 5, width: 5, outputChannels: 1, kernel: 3, stride: 2)
    let (strided, output) = convolutionGrid(title: "Stride 2: 5 x 5 input, 3 x 3 kernel, 2 x 2 output (Fig. 2.2.4)", input: input, kernel: kernel,
                                            geometry: g, inputCells: window(top: 0, left: 2, size: 3), outputCell: (0, 1))
    print("   Fig. 2.2.4, stride 2: output = \(plane(output).map { $0.map { Int($0) } })")
    try writeGrid(strided, "fig-2.2.4-stride-2.svg", caption: "Fig. 2.2.4: stride 2, the kernel jumps two cells between outputs", options: options)

    let pooling = PoolingGeometry(channels: 1, height: 5, width: 5, size: 3, stride: 1)
    let (pooled, winners) = maxPool2D(input, geometry: pooling)
    let winner = winners[pooling.outputWidth + 1]
    var grid = NumberGrid(title: "Max pooling: 3 x 3 windows of a 5 x 5 input, stride 1 (Fig. 2.2.5)")
    grid.add("input (red: the window of the red output)", plane(input), tint: .blue, highlighted: window(top: 1, left: 1, size: 3))
    grid.add(symbol: "max")
    grid.add("output 3 x 3", plane(pooled), tint: .green, highlighted: [(1, 1)])
    print("   Fig. 2.2.5, 3 x 3 max pooling: output = \(plane(pooled).map { $0.map { Int($0) } }); the centre window's maximum sits at"
          + " row \(winner / 5 + 1), column \(winner % 5 + 1) of the input")
    try writeGrid(grid, "fig-2.2.5-max-pooling.svg", caption: "Fig. 2.2.5: each output is the largest value of its 3 x 3 window", options: options)
}

/// Fig. 2.3.1 (a 1 x 1 x 3 kernel on a 3 x 3 x 3 input) and Fig. 2.3.2 (one 3 x 3 kernel on each channel of a 5 x 5 x 3 input, kept apart).
func pointwiseAndDepthwiseFigures(generator: inout Xoshiro256StarStar, options: ChapterOptions) throws {
    let small = integerTensor([1, 3, 3, 3], 0, 3, &generator)
    let pointwiseKernel = integerTensor([1, 3, 1, 1], -1, 2, &generator)
    let pointwise = convolve2D(small, weights: pointwiseKernel, geometry: ConvolutionGeometry(channels: 3, height: 3, width: 3, outputChannels: 1, kernel: 1))
    var grid = NumberGrid(title: "Pointwise: a 1 x 1 x 3 kernel on a 3 x 3 x 3 input (Fig. 2.3.1)")
    for c in 0..<3 { grid.add("channel \(c + 1)", plane(small, channel: c), tint: .blue, highlighted: [(0, 0)]) }
    grid.add(symbol: "*")
    grid.add("kernel (k1, k2, k3)", [pointwiseKernel.scalars], tint: .grey)
    grid.add(symbol: "=")
    grid.add("output", plane(pointwise), tint: .green, highlighted: [(0, 0)])
    print("   Fig. 2.3.1, pointwise with k = \(pointwiseKernel.scalars.map { Int($0) }): output = \(plane(pointwise).map { $0.map { Int($0) } })")
    try writeGrid(grid, "fig-2.3.1-pointwise.svg", caption: "Fig. 2.3.1: a pointwise convolution mixes the channels at each pixel, k1 x1 + k2 x2 + k3 x3", options: options)

    let input = integerTensor([1, 3, 5, 5], 0, 3, &generator)
    let kernel = integerTensor([1, 1, 3, 3], -1, 1, &generator)
    let weights = Tensor(shape: [3, 1, 3, 3], scalars: Array(repeating: kernel.scalars, count: 3).flatMap { $0 })
    let depthwise = depthwiseConvolve2D(input, weights: weights, geometry: ConvolutionGeometry(channels: 1, height: 5, width: 5, outputChannels: 1, kernel: 3))
    var depthwiseGrid = NumberGrid(title: "Depthwise: one 3 x 3 kernel on each channel of a 5 x 5 x 3 input (Fig. 2.3.2)")
    for c in 0..<3 {
        depthwiseGrid.add("channel \(c + 1)", plane(input, channel: c), tint: .blue)
        depthwiseGrid.add(symbol: "*")
        depthwiseGrid.add("kernel", plane(kernel), tint: .grey)
        depthwiseGrid.add(symbol: "=")
        depthwiseGrid.add("output channel \(c + 1)", plane(depthwise, channel: c), tint: .green)
        depthwiseGrid.newRow()
    }
    print("   Fig. 2.3.2, depthwise: 3 output channels of 3 x 3, kept apart (not summed)")
    try writeGrid(depthwiseGrid, "fig-2.3.2-depthwise.svg", caption: "Fig. 2.3.2: a depthwise convolution filters each channel on its own", options: options)
}

/// Fig. 2.3.3: a 2 x 2 kernel with dilation 2 (taps two pixels apart) on a 5 x 5 input, stride 1: a 3 x 3 output.
func dilationFigure(generator: inout Xoshiro256StarStar, options: ChapterOptions) throws {
    let input = integerTensor([1, 1, 5, 5], 0, 3, &generator)
    let kernel = integerTensor([1, 1, 2, 2], -1, 2, &generator)
    let g = ConvolutionGeometry(channels: 1, height: 5, width: 5, outputChannels: 1, kernel: 2, dilation: 2)
    let (grid, output) = convolutionGrid(title: "Dilation 2: a 2 x 2 kernel on a 5 x 5 input, 3 x 3 output (Fig. 2.3.3)", input: input, kernel: kernel,
                                         geometry: g, inputCells: window(top: 1, left: 0, size: 2, step: 2), outputCell: (1, 0))
    print("   Fig. 2.3.3, dilation 2: the 2 x 2 kernel spans 3 x 3 pixels; output = \(plane(output).map { $0.map { Int($0) } })")
    try writeGrid(grid, "fig-2.3.3-dilation.svg", caption: "Fig. 2.3.3: a dilated kernel reads pixels two apart (red) for one output (red)", options: options)
}
