// OptimalDiscriminator.swift: what the game computes when D is as good as it can be (Goodfellow et al.
// 2014, Proposition 1 and Theorem 1). For a fixed G the best discriminator is
// D*(x) = p_data(x) / (p_data(x) + p_g(x)), and at D* the value is V = -log 4 + 2 JSD(p_data || p_g):
// the Jensen-Shannon divergence between the two distributions, not a Euclidean distance (erratum
// E-GAN-2 to DL Padova "MvM"), and -log 4 exactly when p_g = p_data.
// Goals, in order: both formulas on discrete distributions, in Double, so a test can check the
// identity to ten digits; the 1-D density form for comparing a trained D with D*.

import Core
import Foundation

extension AdversarialValue {
    /// D*(x) = p_data(x) / (p_data(x) + p_g(x))   Goodfellow et al. 2014, Proposition 1
    ///
    /// 1/2 where both densities are equal; undefined (NaN) where both are 0.
    public static func optimalDiscriminator(dataDensity: Double, modelDensity: Double) -> Double {
        dataDensity / (dataDensity + modelDensity)
    }

    /// V(D*, G) = sum_x p_data(x) log D*(x) + p_g(x) log(1 - D*(x)) for two distributions on the same
    /// finite set of points (each array sums to 1; a point with probability 0 adds nothing).
    public static func atOptimalDiscriminator(data p: [Double], model q: [Double]) -> Double {
        requireDistributions(p, q, "AdversarialValue.atOptimalDiscriminator")
        var value = 0.0
        for (pi, qi) in zip(p, q) where pi + qi > 0 {
            let best = optimalDiscriminator(dataDensity: pi, modelDensity: qi)
            if pi > 0 { value += pi * log(best) }
            if qi > 0 { value += qi * log(1 - best) }
        }
        return value
    }

    /// JSD(p || q) = 1/2 KL(p || m) + 1/2 KL(q || m), m = (p + q)/2, in nats   Goodfellow et al. 2014, Theorem 1
    public static func jensenShannonDivergence(_ p: [Double], _ q: [Double]) -> Double {
        requireDistributions(p, q, "AdversarialValue.jensenShannonDivergence")
        var divergence = 0.0
        for (pi, qi) in zip(p, q) {
            let mean = (pi + qi) / 2
            if pi > 0 { divergence += 0.5 * pi * log(pi / mean) }
            if qi > 0 { divergence += 0.5 * qi * log(qi / mean) }
        }
        return divergence
    }

    private static func requireDistributions(_ p: [Double], _ q: [Double], _ operation: String) {
        require(p.count == q.count && !p.isEmpty, "\(operation): needs two distributions on the same points, got \(p.count) and \(q.count) probabilities")
        for (name, distribution) in [("p_data", p), ("p_g", q)] {
            let total = distribution.reduce(0, +)
            require(distribution.allSatisfy { $0 >= 0 } && abs(total - 1) < 1e-9,
                    "\(operation): \(name) must be non-negative and sum to 1, sums to \(total)")
        }
    }
}
