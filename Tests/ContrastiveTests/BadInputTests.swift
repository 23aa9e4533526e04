// Bad input stops with a message: a batch of one image (no negatives), tau <= 0, a queue of no keys,
// the triplet loss with xi <= 0. Each runs in a child process (Swift Testing's exit tests).

import Testing
import Core
import Contrastive

@Suite("Bad input to the contrastive losses stops with a message")
struct BadInputTests {
    @Test("NT-Xent on one image's two views (no negatives) stops")
    func batchOfOne() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = NTXent(temperature: 0.5).value(Tensor([[1, 0], [0, 1]]))
        }
        #expect(standardError(of: result).contains("NTXent: a batch of one image has no negatives; needs N >= 2 images (z [2N, d]), got shape [2, 2]"))
        let settings = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = ContrastiveSettings(epochs: 1, batchSize: 1)
        }
        #expect(standardError(of: settings).contains("ContrastiveSettings: a batch of one image has no negatives"))
    }

    @Test("tau <= 0 stops NT-Xent, InfoNCE and the settings")
    func temperature() async {
        let ntXent = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = NTXent(temperature: 0)
        }
        #expect(standardError(of: ntXent).contains("NTXent: the temperature tau must be > 0, got 0.0"))
        let infoNCE = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = InfoNCE(temperature: -0.1)
        }
        #expect(standardError(of: infoNCE).contains("InfoNCE: the temperature tau must be > 0, got -0.1"))
        let settings = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = ContrastiveSettings(epochs: 1, temperature: 0)
        }
        #expect(standardError(of: settings).contains("ContrastiveSettings: the temperature tau must be > 0, got 0.0"))
    }

    @Test("An odd number of views, a zero row, and xi <= 0 stop with the shape or value")
    func otherShapes() async {
        let odd = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = NTXent(temperature: 0.5).value(Tensor(shape: [5, 2], repeating: 1))
        }
        #expect(standardError(of: odd).contains("NTXent: needs z [2N, d] (two views of N images), got shape [5, 2]"))
        let zero = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = NTXent(temperature: 0.5).value(Tensor([[1, 0], [0, 0], [1, 1], [0, 1]]))
        }
        #expect(standardError(of: zero).contains("unitRows: row 1 of [4, 2] has length 0"))
        let xi = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = TripletLoss(.printed(xi: 0))
        }
        #expect(standardError(of: xi).contains("TripletLoss: the printed form needs xi > 0, got 0.0"))
    }
}
