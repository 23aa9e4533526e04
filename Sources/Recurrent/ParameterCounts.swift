// ParameterCounts.swift: DAT300 "Trainable parameters" for recurrent layers (RNN, LSTM, GRU,
// bidirectionality), with its worked example RNN-3 and the GRU caveat E-57; the embedding's V D.
// Goals, in order: the notes' formulas one per function, in their letters; the layers' own
// `parameterCount` agrees with them (tested), so the formulas are checked against real layers.

import Core

/// units (input + units + 1): W_x (input x units), W_h (units x units) and b (units)
/// (DAT300 "Trainable parameters", "RNN"; RNN-3: 64 (10 + 64 + 1) = 4800, printed "4.800", E-60).
public func simpleRNNParameterCount(inputs: Int, units: Int) -> Int {
    requirePositive(inputs, units, "simpleRNNParameterCount")
    return units * (inputs + units + 1)
}

/// 4 units (input + units + 1): four weight blocks, three gates and the candidate (E-59)
/// (DAT300 "Trainable parameters", "LSTM"; 19,200 for 64 units on 10 inputs, 6,272 for 32 on 16).
/// PyTorch's `nn.LSTM` has two bias vectors, 4 units (input + units + 2).
public func lstmParameterCount(inputs: Int, units: Int) -> Int {
    requirePositive(inputs, units, "lstmParameterCount")
    return 4 * units * (inputs + units + 1)
}

/// 3 units (input + units + 1) with one bias per block, DAT300's formula, right for the reset gate
/// before the product (Keras `reset_after=False`); 3 units (input + units + 2) with the second bias of
/// Keras' default `reset_after=True` and PyTorch (E-57: 14,400 against 14,592 for 64 units on 10 inputs).
public func gruParameterCount(inputs: Int, units: Int, resetPlacement: ResetPlacement = .beforeProduct) -> Int {
    requirePositive(inputs, units, "gruParameterCount")
    return 3 * units * (inputs + units + (resetPlacement == .afterProduct ? 2 : 1))
}

/// Twice one direction's count (DAT300 "Bidirectionality"; 38,400 for a bidirectional LSTM(64) on 10 inputs).
public func bidirectionalParameterCount(oneDirection: Int) -> Int {
    require(oneDirection >= 0, "bidirectionalParameterCount: needs a count >= 0, got \(oneDirection)")
    return 2 * oneDirection
}

/// V D: one learnt vector of D values per token of the vocabulary (1,600 for Embedding(100, 16)).
public func embeddingParameterCount(vocabulary: Int, dimension: Int) -> Int {
    requirePositive(vocabulary, dimension, "embeddingParameterCount")
    return vocabulary * dimension
}

private func requirePositive(_ first: Int, _ second: Int, _ operation: String) {
    require(first > 0 && second > 0, "\(operation): sizes must be positive, got \(first) and \(second)")
}
