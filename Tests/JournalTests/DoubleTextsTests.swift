import QuorumModel
import XCTest
@testable import QuorumJournal

/// The writer's cache of double texts writes exactly what `TextBuilder.appendJSON` writes, whether a value is
/// found in it, missed, or evicted by another value mapped to its slot.
final class DoubleTextsTests: XCTestCase {
    func testCachedTextsAreTheFormattedOnes() {
        var values: [Double] = [0, -0.0, 1, -1, 0.5, 1.0 / 3, 2.0 / 3, .pi, 1e-300, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, 1e300,
                                .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .infinity, -.infinity, .nan,
                                Double(bitPattern: 0x7FF8_0000_0000_0001), 0.1 + 0.2, 123_456_789.123_456_78,
                                -0.6451612903225818, 9_007_199_254_740_994]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        for _ in 0..<3_000 {  // xorshift64*: far more values than slots, so slots are shared and overwritten
            state ^= state >> 12; state ^= state << 25; state ^= state >> 27
            let bits = state &* 0x2545_F491_4F6C_DD1D
            values.append(bits % 3 == 0 ? Double(bitPattern: bits) : Double(Int64(bits % 2_001) - 1_000) / 7)
        }
        let texts = DoubleTexts()
        let cached = TextBuilder(), formatted = TextBuilder()
        // Every value three times, the repeats interleaved with others.
        for value in values + values.reversed() + values {
            cached.removeAll()
            formatted.removeAll()
            texts.append(value, to: cached)
            formatted.appendJSON(value)
            XCTAssertEqual(cached.text, formatted.text, "\(value.bitPattern)")
        }
    }
}
