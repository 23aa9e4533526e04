// RecurrentDNN.swift: the multilabel classifier of DL Padova "Recurrent DNN": "a GRU with N hidden
// units, followed by a max pooling layer and a fully connected layer. The output layer is a sigmoid
// function", trained with the multilabel binary cross-entropy
//     CELoss = -(1/m) sum_i sum_j [y_i(j) log h_i(j) + (1 - y_i(j)) log(1 - h_i(j))],
// which is NeuralNetworks' BinaryCrossEntropy (a mean over the m examples of a sum over the l labels),
// here from the logits (BinaryCrossEntropyFromLogits, the same loss computed stably).
// Goals, in order: the architecture in one place, built from the module's layers; no second loss.

import Core
import NeuralNetworks

extension Network {
    /// Embedding(V, D) -> GRU(D -> H, every h_t) -> max over time -> Dense(H -> L, linear): a logit per
    /// label, read through a sigmoid (DL Padova "Recurrent DNN"). Token indices [N, T] to logits [N, L].
    ///
    /// The notes' h_i are the predicted probabilities sigmoid(logits), in (0, 1) (the notes write
    /// {0, 1}^l, the set of the labels y_i); a label is predicted present when its probability exceeds 1/2.
    public static func recurrentDNN(vocabulary: Int, dimension: Int, units: Int, labels: Int,
                                    generator: inout Xoshiro256StarStar) -> Network {
        Network([Embedding(vocabulary: vocabulary, dimension: dimension, generator: &generator),
                 GRU(inputs: dimension, units: units, returnsSequences: true, generator: &generator),
                 MaxOverTime(),
                 Dense(inputs: units, outputs: labels, activation: .linear, generator: &generator)])
    }
}
