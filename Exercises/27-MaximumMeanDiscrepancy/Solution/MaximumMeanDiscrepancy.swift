// Solution to Exercise 27: one evaluation of MMD^2 with a Gaussian kernel (DL Padova "Generative
// Adversal Network"; Gretton et al. 2012).
//
// The three sums are the mean similarity within the data, within the generated samples, and across;
// if the two sets are the same, the cross term cancels the other two exactly. This is the biased
// estimate (it keeps i = j), which is never negative: it is the squared distance between the two sets'
// mean embeddings in the kernel's feature space.

import Foundation

public func squaredMaximumMeanDiscrepancy(generated: [[Double]], data: [[Double]], bandwidth: Double) -> Double {
    func kernel(_ a: [Double], _ b: [Double]) -> Double {
        let squaredDistance = zip(a, b).map { ($0 - $1) * ($0 - $1) }.reduce(0, +)
        return exp(-squaredDistance / (2 * bandwidth * bandwidth))
    }
    func meanKernel(_ p: [[Double]], _ q: [[Double]]) -> Double {
        p.map { a in q.map { b in kernel(a, b) }.reduce(0, +) }.reduce(0, +) / Double(p.count * q.count)
    }
    return meanKernel(data, data) + meanKernel(generated, generated) - 2 * meanKernel(data, generated)
}
