// RoutingReference.swift: DL Padova "Dynamic routing", Procedure 1, for one example, written as the
// notes print it: plain loops over i (lower capsules), j (upper capsules) and the vector components,
// in Double. The readable twin of `route` (Routing.swift), and the function the gradient checks
// differentiate by central differences.
// Goals, in order: one line of code per line of Procedure 1; Double throughout; nothing shared with
// the tensor version except the squash formula's twin (`squashReference`).

import Core
import Foundation

/// One example's routing, iteration by iteration, in Double.
///
/// ```swift
/// let votes: [[[Double]]] = [[[1, 0], [0, 1]], [[1, 0.2], [-0.5, 0]]]   // votes[i][j] = u^_(j|i)
/// let trace = RoutingReference.route(votes, iterations: 3)
/// trace.couplings[2]     // [[0.6692513934, 0.3307486066], [0.7338805526, 0.2661194474]]
/// trace.outputs[2][0]    // [0.6619759490, 0.0692466987]: v_1
/// trace.logits           // [[1.7448992425, 0.4827404359], [1.7808106734, 0.1116282672]]
/// ```
public enum RoutingReference {
    /// What each iteration computed: couplings[t][i][j], totalInputs[t][j], outputs[t][j] (t = 0 is
    /// iteration 1), and b[i][j] after the last iteration.
    public struct Trace: Sendable {
        public let couplings: [[[Double]]]
        public let totalInputs: [[[Double]]]
        public let outputs: [[[Double]]]
        public let logits: [[Double]]
    }

    /// Procedure 1 on `votes[i][j]` = u^_(j|i) (I lower capsules, J upper ones, D components each),
    /// r = `iterations` times. Preconditions: r >= 1; every vote has the same length D >= 1.
    /// DL Padova "Dynamic routing" (Procedure 1); Sabour et al. 2017, Eq. (2)
    public static func route(_ votes: [[[Double]]], iterations: Int) -> Trace {
        requireIterations(iterations, "RoutingReference.route")
        let lower = votes.count, upper = votes.first?.count ?? 0, dimension = votes.first?.first?.count ?? 0
        require(lower >= 1 && upper >= 1 && dimension >= 1 && votes.allSatisfy { $0.count == upper && $0.allSatisfy { $0.count == dimension } },
                "RoutingReference.route: votes must be [I][J][D] with I, J, D >= 1 and equal lengths")
        var b = [[Double]](repeating: [Double](repeating: 0, count: upper), count: lower)      // line 2: b_ij <- 0
        var couplings: [[[Double]]] = [], totalInputs: [[[Double]]] = [], outputs: [[[Double]]] = []
        for _ in 0..<iterations {                                                              // line 3
            let c = b.map(softmax)                                                             // line 4: c_i <- softmax(b_i)
            var s = [[Double]](repeating: [Double](repeating: 0, count: dimension), count: upper)
            for j in 0..<upper {                                                               // line 5: s_j <- sum_i c_ij u^_(j|i)
                for i in 0..<lower {
                    for d in 0..<dimension { s[j][d] += c[i][j] * votes[i][j][d] }
                }
            }
            let v = s.map(squashReference)                                                     // line 6: v_j <- squash(s_j)
            for i in 0..<lower {                                                               // line 7: b_ij <- b_ij + u^_(j|i) . v_j
                for j in 0..<upper {
                    for d in 0..<dimension { b[i][j] += votes[i][j][d] * v[j][d] }
                }
            }
            couplings.append(c)
            totalInputs.append(s)
            outputs.append(v)
        }
        return Trace(couplings: couplings, totalInputs: totalInputs, outputs: outputs, logits: b)
    }

    /// exp(b_j) / sum_k exp(b_k), shifted by the largest b for stability.
    static func softmax(_ b: [Double]) -> [Double] {
        let largest = b.max() ?? 0
        let exponentials = b.map { exp($0 - largest) }
        let total = exponentials.reduce(0, +)
        return exponentials.map { $0 / total }
    }
}
