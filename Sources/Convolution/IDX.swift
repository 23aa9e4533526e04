// IDX.swift: a reader for the IDX files MNIST is distributed in (LeCun, Cortes & Burges, "The MNIST
// database", yann.lecun.com/exdb/mnist), for students who have them; the project ships the 8 x 8
// digits instead (Data/README.md).
// Goals, in order: a malformed or truncated file is a thrown error naming the file and what is wrong;
// every IDX data type read; MNIST as the same [N, pixels] design matrix as `Digits`.
//
// The format: 2 zero bytes, a type byte (0x08 unsigned byte, 0x09 signed byte, 0x0B 16-bit, 0x0C
// 32-bit integer, 0x0D float, 0x0E double), the number of dimensions, then each dimension as a 32-bit
// big-endian integer, then the values, big-endian, last index fastest. MNIST's files are gzipped:
// unpack them first (`gunzip train-images-idx3-ubyte.gz`).

import Core
import Foundation

/// The contents of an IDX file: its shape and its values as Float.
public struct IDXArray: Sendable, Equatable {
    public let shape: [Int]
    public let values: [Float]
}

public enum IDX {
    /// The type byte and the size in bytes of each value type.
    static let valueSizes: [UInt8: Int] = [0x08: 1, 0x09: 1, 0x0B: 2, 0x0C: 4, 0x0D: 4, 0x0E: 8]

    /// Reads and parses the IDX file at `path`. Throws `DataFileError` for a missing, unreadable or malformed file.
    public static func read(path: String) throws -> IDXArray {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataFileError(file: path, line: nil, reason: "cannot read the file (missing or unreadable)")
        }
        return try parse([UInt8](data), file: path)
    }

    /// Parses the bytes of an IDX file; `file` names it in errors.
    public static func parse(_ bytes: [UInt8], file: String = "IDX data") throws -> IDXArray {
        func fail(_ reason: String) -> DataFileError { DataFileError(file: file, line: nil, reason: reason) }
        guard bytes.count >= 4 else { throw fail("too short for an IDX header (\(bytes.count) bytes, need at least 4)") }
        guard bytes[0] == 0, bytes[1] == 0 else {
            let hint = bytes[0] == 0x1F && bytes[1] == 0x8B ? " (it is gzipped: gunzip it first)" : ""
            throw fail("not an IDX file: the first two bytes are \(bytes[0]), \(bytes[1]), expected 0, 0\(hint)")
        }
        guard let size = valueSizes[bytes[2]] else { throw fail("unknown IDX value type 0x\(String(bytes[2], radix: 16))") }
        let dimensions = Int(bytes[3])
        let headerSize = 4 + 4 * dimensions
        guard bytes.count >= headerSize else { throw fail("the header declares \(dimensions) dimensions but the file ends at byte \(bytes.count)") }
        let shape = (0..<dimensions).map { Int(bigEndianInteger(bytes, at: 4 + 4 * $0, size: 4)) }
        let count = shape.reduce(1, *)
        guard bytes.count == headerSize + count * size else {
            throw fail("shape \(shape) needs \(headerSize + count * size) bytes (\(count) values of \(size) bytes after a "
                + "\(headerSize)-byte header), the file has \(bytes.count)")
        }
        let values = (0..<count).map { value(bytes, at: headerSize + $0 * size, type: bytes[2]) }
        return IDXArray(shape: shape, values: values)
    }

    /// The bytes of an IDX file of unsigned bytes with `shape` (what `parse` reads back); for tests
    /// and for writing small data sets.
    public static func encode(shape: [Int], bytes values: [UInt8]) -> [UInt8] {
        require(shape.count < 256 && shape.allSatisfy { $0 >= 0 && $0 <= Int(UInt32.max) } && shape.reduce(1, *) == values.count,
                "IDX.encode: shape \(shape) does not fit \(values.count) values")
        var bytes: [UInt8] = [0, 0, 0x08, UInt8(shape.count)]
        for extent in shape { bytes += withUnsafeBytes(of: UInt32(extent).bigEndian) { Array($0) } }
        return bytes + values
    }

    static func bigEndianInteger(_ bytes: [UInt8], at offset: Int, size: Int) -> UInt64 {
        (0..<size).reduce(0) { $0 << 8 | UInt64(bytes[offset + $1]) }
    }

    static func value(_ bytes: [UInt8], at offset: Int, type: UInt8) -> Float {
        switch type {
        case 0x08: return Float(bytes[offset])
        case 0x09: return Float(Int8(bitPattern: bytes[offset]))
        case 0x0B: return Float(Int16(bitPattern: UInt16(bigEndianInteger(bytes, at: offset, size: 2))))
        case 0x0C: return Float(Int32(bitPattern: UInt32(bigEndianInteger(bytes, at: offset, size: 4))))
        case 0x0D: return Float(bitPattern: UInt32(bigEndianInteger(bytes, at: offset, size: 4)))
        default: return Float(Double(bitPattern: bigEndianInteger(bytes, at: offset, size: 8)))
        }
    }
}

/// MNIST (or any images-and-labels pair of IDX files) as a design matrix: one image per row, pixels
/// 0...255 scaled to [0, 1], as `Digits` scales its 0...16.
public struct MNIST: Sendable {
    /// Shape [N, rows columns].
    public let images: Tensor
    public let labels: [Int]
    public let rows: Int
    public let columns: Int

    /// Loads an images file ([N, rows, columns] unsigned bytes) and a labels file ([N] bytes, 0...9).
    /// Throws `DataFileError` when either is malformed or they disagree on N.
    public static func load(images imagesPath: String, labels labelsPath: String) throws -> MNIST {
        let (images, labels) = (try IDX.read(path: imagesPath), try IDX.read(path: labelsPath))
        guard images.shape.count == 3 else {
            throw DataFileError(file: imagesPath, line: nil, reason: "expected images [N, rows, columns], found shape \(images.shape)")
        }
        guard labels.shape == [images.shape[0]] else {
            throw DataFileError(file: labelsPath, line: nil,
                                reason: "expected \(images.shape[0]) labels (one per image of \(imagesPath)), found shape \(labels.shape)")
        }
        if let bad = labels.values.firstIndex(where: { $0 < 0 || $0 > 9 || $0 != $0.rounded() }) {
            throw DataFileError(file: labelsPath, line: nil, reason: "label \(bad) is \(labels.values[bad]), expected an integer in 0...9")
        }
        let (n, rows, columns) = (images.shape[0], images.shape[1], images.shape[2])
        return MNIST(images: Tensor(shape: [n, rows * columns], scalars: images.values.map { $0 / 255 }),
                     labels: labels.values.map { Int($0) }, rows: rows, columns: columns)
    }
}
