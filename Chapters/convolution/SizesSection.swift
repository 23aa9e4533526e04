// Output sizes, parameter counts and receptive fields: MLiS II Eq. (2.2.7), Eq. (2.2.8), Figs. 2.2.2-2.2.4
// and 2.3.3, Secs. 2.3.5 and 2.5; DAT300's three worked examples; errata E-22, E-36, E-37, E-38, E-54, E-58.

import Convolution
import Core

func sizesSection() {
    print("\n2. Sizes and parameters, O = (I - K + 2P)/S + 1 (Eq. (2.2.8)) and (K_x K_y I_z + 1) O_z (Eq. (2.2.7) corrected)")
    let same = ConvolutionGeometry(channels: 1, height: 3, width: 3, outputChannels: 1, kernel: 3, padding: .same)
    let full = ConvolutionGeometry(channels: 1, height: 3, width: 3, outputChannels: 1, kernel: 3, padding: .full)
    let strided = ConvolutionGeometry(channels: 1, height: 5, width: 5, outputChannels: 1, kernel: 3, stride: 2)
    let dilated = ConvolutionGeometry(channels: 1, height: 5, width: 5, outputChannels: 1, kernel: 2, dilation: 2)
    print("   Fig. 2.2.2, same padding P = 1: 3 x 3 -> \(same.outputHeight) x \(same.outputWidth)")
    print("   Fig. 2.2.3, full padding P = 2: 3 x 3 -> \(full.outputHeight) x \(full.outputWidth)"
          + " (the caption's 3 x 3 is wrong: E-37)")
    print("   Fig. 2.2.4, stride 2: 5 x 5 -> \(strided.outputHeight) x \(strided.outputWidth);"
          + " Fig. 2.3.3, a 2 x 2 kernel dilated by 2 spans \(dilated.effectiveKernelHeight): 5 x 5 -> \(dilated.outputHeight) x \(dilated.outputWidth)")
    print("   E-38: the output size always depends on I: K = 3, S = 2 gives \(convolutionOutputSize(input: 5, kernel: 3, stride: 2))"
          + " for I = 5 and \(convolutionOutputSize(input: 7, kernel: 3, stride: 2)) for I = 7; the parameter count does not")
    for (kernel, stride, padding) in [(5, 1, 0), (5, 1, 2), (2, 2, 2)] {
        let g = ConvolutionGeometry(channels: 3, height: 32, width: 32, outputChannels: 8, kernel: kernel, stride: stride,
                                    padding: .symmetric(padding))
        print("   DAT300, (32, 32, 3), 8 filters of \(kernel) x \(kernel), S = \(stride), P = \(padding): "
              + "(\(g.outputHeight), \(g.outputWidth), 8), \(g.parameterCount) parameters, 'receptive field' (input size, E-58) "
              + "\(convolutionInputSize(output: g.outputHeight, kernel: kernel, stride: stride, padding: padding))")
    }
    let printed = (5 * 5 * 8 + 1) * 3
    print("   E-36: Eq. (2.2.7) as printed, (K_x K_y O_z + 1) I_z, gives \(printed) for the first; the right form gives "
          + "\(convolutionParameterCount(kernelHeight: 5, kernelWidth: 5, inputChannels: 3, outputChannels: 8))")
    let local = ConvolutionGeometry(channels: 1, height: 5, width: 5, outputChannels: 1, kernel: 3)
    print("   Sec. 2.3.5 on a 5 x 5 input: a dense unit \(denseParameterCount(inputs: 25, outputs: 1)), a 3 x 3 kernel "
          + "\(local.parameterCount), a locally connected 3 x 3 layer \(locallyConnectedParameterCount(local)) parameters")
    let vgg = receptiveField(of: [ReceptiveFieldLayer(kernel: 3), ReceptiveFieldLayer(kernel: 3)])
    print("   Sec. 2.5 (VGGNet): two 3 x 3 layers see \(vgg) x \(vgg), like one 5 x 5 layer, with 18 C^2 weights instead of 25 C^2")
    let ratio = depthwiseSeparableCostRatio(outputChannels: 64, kernel: 3)
    print("   Sec. 2.5 (MobileNet): a 3 x 3 depthwise separable layer with 64 filters costs 1/N + 1/K^2 = \(formatted(ratio, digits: 4))"
          + " of a standard one, \(formatted(1 / ratio, digits: 2))x less (a reduction, not an increase: E-54)")
    print("   E-22: EnzyNet's (32 - 9)/2 + 1 = 12.5 is floored to \(convolutionOutputSize(input: 32, kernel: 9, stride: 2))")
}
