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

    func testLeadingZerosUpToTheMinimum() {
        XCTAssertEqual(text(250, minimumDigits: 9), "000000250")
        XCTAssertEqual(text(7, minimumDigits: 2), "07")
        XCTAssertEqual(text(-7, minimumDigits: 3), "-007")
        XCTAssertEqual(text(12_345, minimumDigits: 2), "12345", "a minimum, never a truncation")
        XCTAssertEqual(text(0, minimumDigits: 4), "0000")
    }
}
