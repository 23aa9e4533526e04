// The IDX reader on small files the tests write: MNIST's layout, every value type, and malformed files.

import Foundation
import Testing
import Core
import Convolution

@Suite("IDX files (MNIST's format)")
struct IDXTests {
    /// A fresh temporary folder for one test.
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("idx-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("Two 2 x 3 images and their labels round-trip: pixels scaled by 1/255, labels as integers")
    func mnistLayout() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (images, labels) = (folder.appendingPathComponent("images.idx"), folder.appendingPathComponent("labels.idx"))
        try Data(IDX.encode(shape: [2, 2, 3], bytes: [0, 51, 102, 153, 204, 255, 255, 0, 0, 0, 0, 255])).write(to: images)
        try Data(IDX.encode(shape: [2], bytes: [7, 3])).write(to: labels)
        let mnist = try MNIST.load(images: images.path, labels: labels.path)
        #expect((mnist.rows, mnist.columns, mnist.labels) == (2, 3, [7, 3]))
        #expect(mnist.images.shape == [2, 6])
        #expect(mnist.images.scalars == [0, 0.2, 0.4, 0.6, 0.8, 1, 1, 0, 0, 0, 0, 1])
    }

    @Test("Every value type: signed bytes, 16- and 32-bit big-endian integers, floats and doubles")
    func valueTypes() throws {
        #expect(try IDX.parse([0, 0, 0x09, 1, 0, 0, 0, 2, 0xFF, 0x05]).values == [-1, 5])
        #expect(try IDX.parse([0, 0, 0x0B, 1, 0, 0, 0, 1, 0xFF, 0xFE]).values == [-2])
        #expect(try IDX.parse([0, 0, 0x0C, 1, 0, 0, 0, 1, 0, 1, 0, 0]).values == [65_536])
        let float = withUnsafeBytes(of: Float(1.5).bitPattern.bigEndian) { Array($0) }
        #expect(try IDX.parse([0, 0, 0x0D, 1, 0, 0, 0, 1] + float).values == [1.5])
        let double = withUnsafeBytes(of: Double(-0.25).bitPattern.bigEndian) { Array($0) }
        #expect(try IDX.parse([0, 0, 0x0E, 1, 0, 0, 0, 1] + double).values == [-0.25])
        #expect(try IDX.parse([0, 0, 0x08, 2, 0, 0, 0, 2, 0, 0, 0, 1, 9, 8]).shape == [2, 1])
    }

    @Test("Malformed files are errors naming the file and the problem: gzipped, truncated, unknown type, label out of range, counts that disagree")
    func malformed() throws {
        func reason(_ bytes: [UInt8]) -> String {
            do {
                _ = try IDX.parse(bytes, file: "t.idx")
                return "no error"
            } catch { return "\(error)" }
        }
        #expect(reason([0x1F, 0x8B, 8, 0]).contains("t.idx: not an IDX file") && reason([0x1F, 0x8B, 8, 0]).contains("gunzip"))
        #expect(reason([0, 0, 0x08]).contains("too short"))
        #expect(reason([0, 0, 0x07, 1, 0, 0, 0, 1, 5]).contains("unknown IDX value type 0x7"))
        #expect(reason([0, 0, 0x08, 1, 0, 0, 0, 3, 1, 2]).contains("shape [3] needs 11 bytes"))
        #expect(reason([0, 0, 0x08, 2, 0, 0, 0]).contains("declares 2 dimensions"))

        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (images, labels) = (folder.appendingPathComponent("i.idx"), folder.appendingPathComponent("l.idx"))
        try Data(IDX.encode(shape: [2, 1, 1], bytes: [1, 2])).write(to: images)
        try Data(IDX.encode(shape: [3], bytes: [1, 2, 3])).write(to: labels)
        #expect(throws: DataFileError.self) { try MNIST.load(images: images.path, labels: labels.path) }
        try Data(IDX.encode(shape: [2], bytes: [1, 12])).write(to: labels)
        do {
            _ = try MNIST.load(images: images.path, labels: labels.path)
            Issue.record("a label of 12 was accepted")
        } catch {
            #expect("\(error)".contains("label 1 is 12.0, expected an integer in 0...9"))
        }
        #expect(throws: DataFileError.self) { try IDX.read(path: folder.appendingPathComponent("missing.idx").path) }
    }
}
