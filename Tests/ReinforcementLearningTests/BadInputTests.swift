// Tests that programmer errors stop the program with a message naming the bad value: gamma or
// epsilon outside [0, 1], alpha outside (0, 1], a state or an action out of range. Each runs in a
// child process (Swift Testing's exit tests) and checks the message on its standard error.

import Testing
import Core
import ReinforcementLearning

/// The standard error of a child process that an exit test observed, as text.
func standardError(of result: ExitTest.Result?) -> String {
    String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
}

@Suite("Bad input stops with a message naming the value")
struct BadInputTests {
    @Test("gamma outside [0, 1]")
    func badDiscount() async {
        do {
            let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = discountedReturn([1, 2], discount: 1.5)
            }
            #expect(standardError(of: stopped).contains("the discount gamma must lie in [0, 1], got 1.5"))
        }
        do {
            let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = valueIteration(on: CliffWalking(), discount: -0.1)
            }
            #expect(standardError(of: stopped).contains("valueIteration: the discount gamma must lie in [0, 1], got -0.1"))
        }
    }

    @Test("epsilon outside [0, 1]")
    func badExploration() async {
        do {
            let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = LearningSettings(learningRate: 0.5, discount: 1, exploration: 1.2)
            }
            #expect(standardError(of: stopped).contains("the exploration rate epsilon must lie in [0, 1], got 1.2"))
        }
        do {
            let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                var generator = Xoshiro256StarStar(seed: 1)
                _ = QTable(stateCount: 2, actionCount: 2).epsilonGreedyAction(in: 0, epsilon: -0.5, generator: &generator)
            }
            #expect(standardError(of: stopped).contains("the exploration rate epsilon must lie in [0, 1], got -0.5"))
        }
    }

    @Test("alpha outside (0, 1]")
    func badLearningRate() async {
        do {
            let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = LearningSettings(learningRate: 0, discount: 1, exploration: 0.1)
            }
            #expect(standardError(of: stopped).contains("the learning rate alpha must lie in (0, 1], got 0.0"))
        }
    }

    @Test("A state or an action out of range")
    func outOfRange() async {
        do {
            let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = CliffWalking().outcomes(of: 0, in: 48)
            }
            #expect(standardError(of: stopped).contains("CliffWalking.outcomes: state 48 is out of range 0..<48"))
        }
        do {
            let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = FrozenLake().outcomes(of: 4, in: 0)
            }
            #expect(standardError(of: stopped).contains("FrozenLake.outcomes: action 4 is out of range 0..<4"))
        }
        do {
            let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = QTable(stateCount: 3, actionCount: 2)[-1, 0]
            }
            #expect(standardError(of: stopped).contains("QTable: state -1 is out of range 0..<3"))
        }
        do {
            let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                var q = QTable(stateCount: 3, actionCount: 2)
                q[0, 2] = 1
            }
            #expect(standardError(of: stopped).contains("QTable: action 2 is out of range 0..<2"))
        }
        do {
            let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = FrozenLake().outcomes(of: 0, in: 5)
            }
            #expect(standardError(of: stopped).contains("state 5 is terminal"))
        }
        do {
            let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = playEpisode(following: [Int](repeating: 7, count: 48), on: CliffWalking(), stepLimit: 10)
            }
            #expect(standardError(of: stopped).contains("playEpisode: the policy's action 7 in state 0 is out of range 0..<4"))
        }
    }
}
