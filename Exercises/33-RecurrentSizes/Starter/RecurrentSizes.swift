// Exercise 33: parameter counts of recurrent layers, and a TCN's receptive field.
// Practises DAT300 "Trainable parameters" (RNN, LSTM, GRU, bidirectionality; E-57, E-59, E-60) and
// DL Padova "TCN" (dilation 2^(k-1) in layer k, R = (f - 1)(2^K - 1) + 1).
// Check:  swift run --package-path Exercises exercises 33     (one hint at a time: exercises --hint 33)
// See it running:  swift run recurrent
//
// A recurrent layer of `units` units on `inputs` inputs has, per weight block, an input matrix
// (inputs x units), a recurrent matrix (units x units) and a bias (units). A simple RNN has one
// block, an LSTM four (three gates and the candidate), a GRU three. Keras' default GRU
// (`reset_after=True`) has a second bias per block. A bidirectional layer is two layers.
// DAT300's example: SimpleRNN(64) on 10 inputs has 4,800 parameters (printed "4.800").
//
// A TCN of K causal layers of filter size f, dilation 2^(k-1) in layer k: each layer adds
// (f - 1) d_k steps to what the last output sees, one step to start with.

/// A simple RNN's trainable parameters.

public func simpleRNNParameters(inputs: Int, units: Int) -> Int {
    // TODO: one block.
    return 0
}

/// An LSTM's trainable parameters.
public func lstmParameters(inputs: Int, units: Int) -> Int {
    // TODO: four blocks.
    return 0
}

/// A GRU's trainable parameters; `resetAfter` adds Keras' second bias to every block.
public func gruParameters(inputs: Int, units: Int, resetAfter: Bool) -> Int {
    // TODO: three blocks, one or two biases each.
    return 0
}

/// The receptive field of K dilated causal layers of filter size f (dilation 2^(k-1) in layer k).
public func tcnReceptiveField(filter: Int, layers: Int) -> Int {
    // TODO: 1 + the sum over the layers of (f - 1) d_k.
    return 0
}
