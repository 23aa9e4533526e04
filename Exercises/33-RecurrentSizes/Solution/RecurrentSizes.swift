// Solution to Exercise 33: parameter counts (DAT300 "Trainable parameters") and a TCN's receptive
// field (DL Padova "TCN").
//
// Every block has inputs x units + units x units weights and units biases: units (inputs + units + 1).
// The LSTM's factor 4 counts weight blocks, not gates (three gates and a candidate, E-59); Keras'
// reset_after GRU adds units biases per block (E-57). The receptive field adds (f - 1) 2^(k-1) per
// layer: 1 + (f - 1)(1 + 2 + ... + 2^(K-1)) = (f - 1)(2^K - 1) + 1.

public func simpleRNNParameters(inputs: Int, units: Int) -> Int {
    units * (inputs + units + 1)
}

public func lstmParameters(inputs: Int, units: Int) -> Int {
    4 * simpleRNNParameters(inputs: inputs, units: units)
}

public func gruParameters(inputs: Int, units: Int, resetAfter: Bool) -> Int {
    3 * units * (inputs + units + (resetAfter ? 2 : 1))
}

public func tcnReceptiveField(filter: Int, layers: Int) -> Int {
    var field = 1
    for k in stride(from: 1, through: layers, by: 1) { field += (filter - 1) * (1 << (k - 1)) }
    return field
}
