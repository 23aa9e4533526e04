// Tokenizer.swift: words to token indices and padding, as DAT300's sentiment example does with Keras'
// `Tokenizer(num_words=100, oov_token="<OOV>")` and `pad_sequences(maxlen=5)`.
// Goals, in order: Keras' numbering (index 1 for the out-of-vocabulary token, then words by falling
// count, ties in order of first appearance; 0 left for padding), so the example's sequences are
// the ones Keras would print; plain code.

import Core

/// A vocabulary fitted on texts: lower-cased words split on spaces, punctuation removed.
///
/// ```swift
/// let tokenizer = Tokenizer(fitting: ["I love you", "This is awful"], wordLimit: 100)
/// print(tokenizer.sequences(["I love this movie"]))              // [[2, 4, 3, 1]]: "movie" is <OOV>
/// print(Tokenizer.padded([[2, 4, 3, 1]], length: 5))             // [[0, 2, 4, 3, 1]]
/// ```
public struct Tokenizer: Sendable {
    /// The out-of-vocabulary token's text; its index is 1.
    public static let outOfVocabulary = "<OOV>"
    /// The index that padding uses, which no word has.
    public static let padding = 0
    /// Each known word's index, 2, 3, ... (1 is the out-of-vocabulary token).
    public let wordIndex: [String: Int]
    /// Only indices below this are used (Keras' `num_words`); others become the OOV index.
    public let wordLimit: Int

    /// Numbers the words of `texts` by falling count, ties in the order they first appear, from 2.
    public init(fitting texts: [String], wordLimit: Int = 100) {
        require(wordLimit >= 2, "Tokenizer: wordLimit (num_words) must be at least 2, got \(wordLimit)")
        var counts: [String: Int] = [:], order: [String] = []
        for word in texts.flatMap(Self.words) {
            if counts[word] == nil { order.append(word) }
            counts[word, default: 0] += 1
        }
        let ranked = order.enumerated().sorted { a, b in
            counts[a.element]! != counts[b.element]! ? counts[a.element]! > counts[b.element]! : a.offset < b.offset
        }
        wordIndex = Dictionary(uniqueKeysWithValues: ranked.enumerated().map { ($1.element, $0 + 2) })
        self.wordLimit = wordLimit
    }

    /// The lower-cased words of a text, Keras' punctuation removed.
    public static func words(_ text: String) -> [String] {
        let punctuation = Set("!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n")
        return String(text.lowercased().map { punctuation.contains($0) ? " " : $0 }).split(separator: " ").map(String.init)
    }

    /// Each text as token indices: a known word's index if it is below `wordLimit`, else 1 (<OOV>).
    public func sequences(_ texts: [String]) -> [[Int]] {
        texts.map { text in Self.words(text).map { word in wordIndex[word].map { $0 < wordLimit ? $0 : 1 } ?? 1 } }
    }

    /// Every sequence made exactly `length` long as Keras' `pad_sequences` does by default: zeros in
    /// front of a short one, a long one cut from the front (its last `length` tokens kept).
    public static func padded(_ sequences: [[Int]], length: Int) -> [[Int]] {
        require(length >= 1, "Tokenizer.padded: length must be at least 1, got \(length)")
        return sequences.map { [Int](repeating: padding, count: max(0, length - $0.count)) + $0.suffix(length) }
    }
}
