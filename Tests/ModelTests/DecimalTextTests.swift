import QuorumModel
import XCTest

final class DecimalTextTests: XCTestCase {
    private func text(_ value: Int64, minimumDigits: Int = 1) -> String {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBufferPointer {
            DecimalText.write(value, minimumDigits: minimumDigits, to: $0.baseAddress!)
        }
        return String(decoding: buffer.prefix(count), as: UTF8.self)
    }

    func testEveryMagnitudeAndSign() {
        for value: Int64 in [0, 7, 10, 99, 100, 12_345, 999_999_999_999_999_999, .max, .min, -1, -100] {
            XCTAssertEqual(text(value), String(value))
        }
        XCTAssertEqual(text(.min).utf8.count, DecimalText.maxLength)
    }

    func testEveryPowerOfTenBoundaryAndRandomValues() {
        var power: Int64 = 1
        for _ in 0...18 {
            for value in [power - 1, power, power + 1, -(power - 1), -power, -(power + 1)] {
                XCTAssertEqual(text(value), String(value))
            }
            if power <= Int64.max / 10 { power *= 10 }
        }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15  // SplitMix64, fixed seed: the same values every run
        for _ in 0..<10_000 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = (state ^ (state >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            let value = Int64(bitPattern: z) >> (z % 64)  // every magnitude, both signs
            XCTAssertEqual(text(value), String(value))
        }
    }

    func testLeadingZerosUpToTheMinimum() {
        XCTAssertEqual(text(250, minimumDigits: 9), "000000250")
        XCTAssertEqual(text(7, minimumDigits: 2), "07")
        XCTAssertEqual(text(-7, minimumDigits: 3), "-007")
        XCTAssertEqual(text(12_345, minimumDigits: 2), "12345", "a minimum, never a truncation")
        XCTAssertEqual(text(0, minimumDigits: 4), "0000")
    }
}
