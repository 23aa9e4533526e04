// MLiS II Sec. 2.3.6: the checkerboard artefact of transposed convolution when the kernel size is not
// divisible by the stride, beside a divisible kernel and beside resize-convolution.

import Convolution
import Core

func upsamplingSection(options: ChapterOptions) throws -> (checkerboardValues: String, resizeValues: String) {
    print("\n3. Up-sampling a constant 6 x 6 image by 2 (Sec. 2.3.6); every kernel weight 1")
    let input = Tensor(shape: [1, 1, 6, 6], repeating: 1)
    let ones3 = Tensor(shape: [1, 1, 3, 3], repeating: 1), ones4 = Tensor(shape: [1, 1, 4, 4], repeating: 1)
    let uneven = TransposedConvolution2D(weights: ones3, bias: Tensor(shape: [1]), stride: 2)(input)
    let even = TransposedConvolution2D(weights: ones4, bias: Tensor(shape: [1]), stride: 2)(input)
    let nearest = Upsampling2D(factor: 2)(input)
    let resized = convolve2D(nearest, weights: ones3,
                             geometry: ConvolutionGeometry(channels: 1, height: 12, width: 12, outputChannels: 1, kernel: 3, padding: .same))
    let bilinear = convolve2D(bilinearUpsampled(input, factor: 2), weights: ones3,
                              geometry: ConvolutionGeometry(channels: 1, height: 12, width: 12, outputChannels: 1, kernel: 3, padding: .same))
    func interior(_ y: Tensor, margin: Int) -> [Float] {
        let (height, width) = (y.shape[2], y.shape[3])
        return Array(Set((margin..<(height - margin)).flatMap { r in (margin..<(width - margin)).map { y.scalars[r * width + $0] } })).sorted()
    }
    let (checkerboard, resize) = (interior(uneven, margin: 2), interior(resized, margin: 1))
    print("   transposed 3 x 3, stride 2 (3 is not a multiple of 2): interior values \(checkerboard): a checkerboard")
    print("   transposed 4 x 4, stride 2: interior values \(interior(even, margin: 2)): even")
    print("   nearest up-sampling, then a 3 x 3 convolution (resize-convolution): interior values \(resize);"
          + " bilinear, then the convolution: \(interior(bilinear, margin: 1))")
    var grid = ImageGrid(title: "Up-sampling a constant image by 2 (MLiS II Sec. 2.3.6)", columns: 4, imageSize: 150)
    grid.add(image: uneven.scalars, width: uneven.shape[3], height: uneven.shape[2], caption: "transposed 3x3 stride 2")
    grid.add(image: even.scalars, width: even.shape[3], height: even.shape[2], caption: "transposed 4x4 stride 2")
    grid.add(image: resized.scalars, width: 12, height: 12, caption: "nearest + conv 3x3")
    grid.add(image: bilinear.scalars, width: 12, height: 12, caption: "bilinear + conv 3x3")
    let path = try options.figurePath("checkerboard.svg")
    try grid.write(to: path)
    print("   wrote \(path)")
    return (checkerboard.map { formatted(Double($0), digits: 0) }.joined(separator: ","),
            resize.map { formatted(Double($0), digits: 0) }.joined(separator: ","))
}
