import QuorumIndicators
import QuorumTestSupport
import XCTest

/// Exactness of the SMA: ties stay ties, and rolling never drifts from a from-scratch window sum.
final class ExactSMATests: XCTestCase {
    func testORCLTieOn20040629IsExact() throws {
        let bars = try Fixtures.csv("data/ORCL_1d.csv")
        let dates = bars.strings("timestamp"), close = bars.doubles("close").map { $0! }
        var fastStorage = [Int64](repeating: 0, count: 10), slowStorage = [Int64](repeating: 0, count: 30)
        var fast = qi_sma_t(), slow = qi_sma_t()
        qi_sma_init(&fast, 10, &fastStorage)
        qi_sma_init(&slow, 30, &slowStorage)
        var ties: [String] = []
        for i in close.indices {
            qi_sma_update(&fast, close[i])
            qi_sma_update(&slow, close[i])
            if qi_sma_ready(&slow) == 1 && qi_sma_compare(&fast, &slow) == 0 { ties.append(dates[i]) }
            if dates[i] == "2004-06-29" {
                XCTAssertEqual(qi_sma_compare(&fast, &slow), 0)
                XCTAssertEqual(fast.value, 11.375)
                XCTAssertEqual(slow.value, 11.375)
            }
        }
        XCTAssertTrue(ties.contains("2004-06-29"))
        XCTAssertEqual(qi_sma_compare(&fast, &fast), 0)
    }

    func testCompareOrdersByValue() {
        var sa = [Int64](repeating: 0, count: 2), sb = [Int64](repeating: 0, count: 3)
        var a = qi_sma_t(), b = qi_sma_t()
        qi_sma_init(&a, 2, &sa)
        qi_sma_init(&b, 3, &sb)
        for x in [0.1, 0.2, 0.3] { qi_sma_update(&a, x); qi_sma_update(&b, x) }
        XCTAssertEqual(qi_sma_compare(&a, &b), 1)   // 0.25 > 0.2
        XCTAssertEqual(qi_sma_compare(&b, &a), -1)
        qi_sma_update(&a, 0.1)                      // a = (0.3 + 0.1) / 2 = 0.2, b = 0.2 ... after b sees 0.1 too
        qi_sma_update(&b, 0.2)                      // b = (0.2 + 0.3 + 0.2) / 3 ≠ 0.2
        XCTAssertEqual(qi_sma_compare(&a, &b), -1)
    }

    func testRollingMillionPricesIsBitIdenticalToFromScratch() {
        let period = 20, n = 1_000_000
        var rng = SplitMix64(seed: 42)
        var prices = [Double](repeating: 0, count: n)
        for i in 0..<n {  // decimal prices with up to 8 decimals in [0.00000001, 100000)
            let units = Int64(rng.next() % 10_000_000_000_000) + 1
            prices[i] = Double(units) / 1e8
        }
        var storage = [Int64](repeating: 0, count: period), scratchStorage = [Int64](repeating: 0, count: period)
        var rolling = qi_sma_t(), scratch = qi_sma_t()
        qi_sma_init(&rolling, UInt32(period), &storage)
        qi_sma_init(&scratch, UInt32(period), &scratchStorage)
        var mismatches = 0
        for i in 0..<n {
            qi_sma_update(&rolling, prices[i])
            guard i >= period - 1 else { continue }
            qi_sma_reset(&scratch)
            for j in (i - period + 1)...i { qi_sma_update(&scratch, prices[j]) }
            if rolling.value.bitPattern != scratch.value.bitPattern { mismatches += 1 }
            if i % 101 == 0 {  // independent check with Swift's own 128-bit sum
                var sum: Int128 = 0
                for j in (i - period + 1)...i { sum += Int128((prices[j] * 1e8).rounded()) }
                let direct = Double(sum) / (1e8 * Double(period))   // one correctly rounded division
                if rolling.value.bitPattern != direct.bitPattern { mismatches += 1 }
            }
        }
        XCTAssertEqual(mismatches, 0)
    }
}
