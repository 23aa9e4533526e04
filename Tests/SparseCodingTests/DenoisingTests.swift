// Tests of denoising with a learnt dictionary (MLiS II Eq. (2.8.3) with epsilon from the noise level,
// Sec. 2.8.3 for the learning) on the real 8 x 8 digits.

import Foundation
import Testing
import Core
import SparseCoding

@Suite("Denoising digits with a learnt dictionary")
struct DenoisingTests {
    @Test("PSNR = 10 log10(1 / MSE): an error of 0.1 everywhere is 20 dB; identical images are +infinity")
    func psnr() {
        let reference = Tensor(shape: [4, 3], repeating: 0.5)
        #expect(isApproximatelyEqual(peakSignalToNoiseRatio(reference + Tensor(shape: [4, 3], repeating: 0.1), reference: reference),
                                     20, relativeTolerance: 1e-5))
        #expect(peakSignalToNoiseRatio(reference, reference: reference) == .infinity)
        #expect(isApproximatelyEqual(peakSignalToNoiseRatio(2 * reference, reference: reference, peak: 16), 10 * log10(1024),
                                     relativeTolerance: 1e-9))
    }

    @Test("Digits, sigma = 0.2: K-SVD (64 atoms, k = 4, 10 iterations, seed 1) lifts PSNR by >= 2 dB, and beats its initial dictionary")
    func digitsDenoising() throws {
        let (train, test) = try Digits.standardSplit()
        var experiment = DenoisingExperiment()
        experiment.atoms = 64
        experiment.iterations = 10
        let result = experiment.run(train: train.images.transposed(), test: test.images.transposed(), seed: 1)
        #expect(abs(result.noisyPSNR - 14.0) < 0.3)                      // 20 log10(1 / 0.2) = 13.98 dB
        #expect(result.learntPSNR >= result.noisyPSNR + 2, "\(result.noisyPSNR) -> \(result.learntPSNR) dB")
        #expect(result.learntPSNR >= result.initialPSNR + 0.4, "initial \(result.initialPSNR), learnt \(result.learntPSNR) dB")
        #expect(result.history.last!.rootMeanSquareError < result.history.first!.rootMeanSquareError)
        #expect(columnNorms(result.learntDictionary).allSatisfy { abs($0 - 1) < 1e-5 })
    }
}
