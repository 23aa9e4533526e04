// Colours.swift: the fixed palette for series and classes, and colour maps for values.
// Goals, in order: the notes' convention (class 0 blue, class 1 red: MLiS II Figs. 1.2.1, 1.2.2,
// 1.2.5); colours that stay distinct on screen and in print; nothing configurable that a student
// has to choose.

/// A colour with red, green and blue parts in 0...255.
public struct RGBColour: Equatable, Sendable {
    public var red: Double
    public var green: Double
    public var blue: Double

    public init(red: Double, green: Double, blue: Double) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// A colour from a 24-bit number, e.g. `RGBColour(hex: 0x1f77b4)`.
    public init(hex: Int) {
        self.init(red: Double((hex >> 16) & 0xff), green: Double((hex >> 8) & 0xff), blue: Double(hex & 0xff))
    }

    /// The SVG spelling, e.g. "#1f77b4". Each part is rounded and clamped to 0...255.
    public var hex: String {
        var result = "#"
        for part in [red, green, blue] {
            let byte = Int(min(255, max(0, part.rounded())))
            result += (byte < 16 ? "0" : "") + String(byte, radix: 16)
        }
        return result
    }

    /// The colour a fraction `t` of the way from `self` to `other` (t = 0 gives self, 1 gives other).
    public func mixed(with other: RGBColour, fraction t: Double) -> RGBColour {
        RGBColour(red: red + (other.red - red) * t,
                  green: green + (other.green - green) * t,
                  blue: blue + (other.blue - blue) * t)
    }

    public static let white = RGBColour(hex: 0xffffff)
    public static let black = RGBColour(hex: 0x000000)
}

/// The colours of series and classes, in a fixed order.
///
/// The order follows the notes: class 0 is blue and class 1 is red (MLiS II Fig. 1.2.1), so a
/// binary problem looks like the lecture figures. The hues are those of matplotlib's "tab10".
/// ```swift
/// print(Palette.colour(0).hex)   // "#1f77b4" (blue)
/// print(Palette.colour(1).hex)   // "#d62728" (red)
/// ```
public enum Palette {
    public static let colours: [RGBColour] = [
        RGBColour(hex: 0x1f77b4),  // blue
        RGBColour(hex: 0xd62728),  // red
        RGBColour(hex: 0x2ca02c),  // green
        RGBColour(hex: 0xff7f0e),  // orange
        RGBColour(hex: 0x9467bd),  // purple
        RGBColour(hex: 0x8c564b),  // brown
        RGBColour(hex: 0xe377c2),  // pink
        RGBColour(hex: 0x7f7f7f),  // grey
        RGBColour(hex: 0xbcbd22),  // olive
        RGBColour(hex: 0x17becf),  // cyan
    ]

    /// The colour of series or class `index`; after ten the colours repeat.
    /// Precondition: `index >= 0`.
    public static func colour(_ index: Int) -> RGBColour {
        require(index >= 0, "Palette.colour: index must be >= 0, got \(index)")
        return colours[index % colours.count]
    }
}

/// A map from a number in 0...1 to a colour, by straight-line mixing between evenly spaced stops.
///
/// ```swift
/// print(ColourMap.blueWhiteRed.colour(at: 0.5).hex)   // "#f7f7f7" (near white: undecided)
/// print(ColourMap.greys.colour(at: 1).hex)            // "#000000"
/// ```
public struct ColourMap: Sendable {
    /// The colours at t = 0, 1/(n-1), ..., 1.
    public let stops: [RGBColour]

    /// Precondition: at least two stops.
    public init(stops: [RGBColour]) {
        require(stops.count >= 2, "ColourMap: needs at least 2 stops, got \(stops.count)")
        self.stops = stops
    }

    /// The colour at `t`, which is clamped to 0...1. Precondition: `t` is not NaN.
    public func colour(at t: Double) -> RGBColour {
        require(!t.isNaN, "ColourMap.colour(at:): t is NaN")
        let position = min(1, max(0, t)) * Double(stops.count - 1)
        let lower = min(Int(position), stops.count - 2)
        return stops[lower].mixed(with: stops[lower + 1], fraction: position - Double(lower))
    }

    /// Blue (0) through white (0.5) to red (1): for P(y = 1 | x), so that regions take the colour of
    /// the class they predict, as the points do (the map of MLiS II Fig. 1.2.2).
    /// Stops from ColorBrewer's "RdBu", reversed.
    public static let blueWhiteRed = ColourMap(stops: [
        RGBColour(hex: 0x2166ac), RGBColour(hex: 0x67a9cf), RGBColour(hex: 0xd1e5f0), RGBColour(hex: 0xf7f7f7),
        RGBColour(hex: 0xfddbc7), RGBColour(hex: 0xef8a62), RGBColour(hex: 0xb2182b),
    ])

    /// Dark purple (0) through green to yellow (1): matplotlib's "viridis", sampled at 9 points.
    /// Brightness grows steadily, so it reads correctly in grey print and for colour-blind readers.
    public static let viridis = ColourMap(stops: [
        RGBColour(hex: 0x440154), RGBColour(hex: 0x472d7b), RGBColour(hex: 0x3b528b), RGBColour(hex: 0x2c728e),
        RGBColour(hex: 0x21918c), RGBColour(hex: 0x28ae80), RGBColour(hex: 0x5ec962), RGBColour(hex: 0xaddc30),
        RGBColour(hex: 0xfde725),
    ])

    /// White (0) to black (1): ink on paper, the usual way to show the digits (pixel 16 is black).
    public static let greys = ColourMap(stops: [.white, .black])
}
