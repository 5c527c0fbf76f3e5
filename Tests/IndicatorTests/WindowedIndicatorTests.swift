import QuorumIndicators
import XCTest

/// Rolling stats, linear regression, ROC and Keltner against direct formulas; state save/load round trips.
final class WindowedIndicatorTests: XCTestCase {
    let values: [Double] = (0..<300).map { (i: Int) -> Double in
        let wave: Double = 10 * sin(Double(i) / 7)
        let steps: Double = Double(i % 13) * 0.37
        return 50 + wave + steps
    }

    func testRollingStatsMatchDirectFormula() {
        let period = 25
        var storage = [Int64](repeating: 0, count: period), s = qi_rstats_t()
        XCTAssertEqual(qi_rstats_init(&s, UInt32(period), QI_PRICE_SCALE, &storage), QI_OK)
        for i in values.indices {
            let ready = qi_rstats_update(&s, values[i]) == 1
            XCTAssertEqual(ready, i >= period - 1)
            guard ready else { continue }
            let window = values[(i - period + 1)...i].map { ($0 * 1e8).rounded() / 1e8 }
            let mean = window.reduce(0, +) / Double(period)
            let variance = window.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(period)
            XCTAssertEqual(s.mean, mean, accuracy: 1e-9 * abs(mean))
            XCTAssertEqual(s.stddev, variance.squareRoot(), accuracy: 1e-9 * variance.squareRoot())
            XCTAssertEqual(qi_rstats_zscore(&s, window.last!), (window.last! - mean) / variance.squareRoot(),
                           accuracy: 1e-7)
        }
    }

    /// Prices so large that period × q² passes 128 bits (~5e10 at period 20) are in the host's range: the
    /// deviation is taken from the window while one of them is in it (the wrapped sum of squares read 0 or
    /// nonsense), and the exact sums take over again once they have left it, also after a state round trip.
    func testRollingStatsOfVeryLargePricesDoNotWrap() {
        let period = 20
        let huge: [Double] = (0..<60).map { 5e10 + 3e9 * sin(Double($0) / 3) }
        let series = values.prefix(30) + huge + values.prefix(60)
        var storage = [Int64](repeating: 0, count: period), s = qi_rstats_t()
        XCTAssertEqual(qi_rstats_init(&s, UInt32(period), QI_PRICE_SCALE, &storage), QI_OK)
        var copyStorage = [Int64](repeating: 0, count: period), copy = qi_rstats_t()
        XCTAssertEqual(qi_rstats_init(&copy, UInt32(period), QI_PRICE_SCALE, &copyStorage), QI_OK)
        let all = Array(series)
        for i in all.indices {
            guard qi_rstats_update(&s, all[i]) == 1 else { continue }
            let window = all[(i - period + 1)...i].map { ($0 * 1e8).rounded() / 1e8 }
            let mean = window.reduce(0, +) / Double(period)
            let deviation = (window.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(period)).squareRoot()
            XCTAssertEqual(s.stddev, deviation, accuracy: 1e-9 * max(deviation, 1), "bar \(i)")
            if i == 45 {   // a window of huge prices, through a state round trip
                var state = [UInt8](repeating: 0, count: Int(qi_rstats_state_size(&s)))
                qi_rstats_state_save(&s, &state)
                XCTAssertEqual(qi_rstats_state_load(&copy, state, UInt32(state.count)), QI_OK)
                XCTAssertEqual(copy.wide, s.wide)
                XCTAssertGreaterThan(copy.wide, 0)
            }
        }
        XCTAssertEqual(s.wide, 0, "the huge prices have left the window")
    }

    /// Below the values whose squares could wrap the sum of squares, n·Σq² alone can pass 128 bits (prices from
    /// ~9e9 at period 20, ~9e8 at period 200): the deviation is taken from the window then too (the long-double
    /// difference of the sums read 0 at 1.12e10, 5.37 at 1.69e10, against a true ~2).
    func testRollingStatsBetweenExactAndWideStayExact() {
        for (period, base) in [(20, 1.12e10), (20, 1.69e10), (20, 3.8e10), (200, 1e10), (200, 9e8)] {
            let series = (0..<(period + 40)).map { base + [0, 1, -1, 2, -2, 3, -3][$0 % 7] }
            var storage = [Int64](repeating: 0, count: period), s = qi_rstats_t()
            XCTAssertEqual(qi_rstats_init(&s, UInt32(period), QI_PRICE_SCALE, &storage), QI_OK)
            for i in series.indices where qi_rstats_update(&s, series[i]) == 1 {
                let window = series[(i - period + 1)...i].map { $0 - base }   // exact: small integers
                let mean = window.reduce(0, +) / Double(period)
                let deviation = (window.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(period)).squareRoot()
                XCTAssertEqual(s.stddev, deviation, accuracy: 1e-6, "period \(period), base \(base), bar \(i)")
            }
        }
    }

    /// Bollinger bands (Bollinger breakout, TTM squeeze) count their window's wide values again when a state
    /// is loaded, as rolling statistics do: a state saved before the count (0 there) reads right.
    func testBandsLoadedFromAStateCountTheirWideValuesAgain() {
        let period = 20
        var storage = [Int64](repeating: 0, count: period), live = qi_bbands_t()
        var loadedStorage = [Int64](repeating: 0, count: period), loaded = qi_bbands_t()
        XCTAssertEqual(qi_bbands_init(&live, UInt32(period), 2, &storage), QI_OK)
        XCTAssertEqual(qi_bbands_init(&loaded, UInt32(period), 2, &loadedStorage), QI_OK)
        let series = values.prefix(25) + (0..<40).map { 8e10 + 1e9 * sin(Double($0)) }
        for x in series.prefix(35) { _ = qi_bbands_update(&live, x) }
        XCTAssertGreaterThan(live.stats.wide, 0)
        var state = [UInt8](repeating: 0, count: Int(qi_bbands_state_size(&live)))
        qi_bbands_state_save(&live, &state)
        let offset = MemoryLayout<qi_bbands_t>.offset(of: \qi_bbands_t.stats.wide)!
        state.withUnsafeMutableBytes { $0.storeBytes(of: UInt32(0), toByteOffset: offset, as: UInt32.self) }
        XCTAssertEqual(qi_bbands_state_load(&loaded, state, UInt32(state.count)), QI_OK)
        XCTAssertEqual(loaded.stats.wide, live.stats.wide)
        for x in series.dropFirst(35) {
            _ = qi_bbands_update(&live, x)
            _ = qi_bbands_update(&loaded, x)
            XCTAssertEqual(loaded.stats.stddev, live.stats.stddev)
        }
    }

    func testLinearRegressionMatchesLeastSquares() {
        let period = 20
        var storage = [Int64](repeating: 0, count: period), l = qi_linreg_t()
        XCTAssertEqual(qi_linreg_init(&l, UInt32(period), QI_PRICE_SCALE, &storage), QI_OK)
        for i in values.indices {
            guard qi_linreg_update(&l, values[i]) == 1 else { XCTAssertLessThan(i, period - 1); continue }
            let ys = values[(i - period + 1)...i].map { ($0 * 1e8).rounded() / 1e8 }
            let n = Double(period), xs = (0..<period).map(Double.init)
            let mx = xs.reduce(0, +) / n, my = ys.reduce(0, +) / n
            var sxy = 0.0, sxx = 0.0
            for (x, y) in zip(xs, ys) {
                sxy += (x - mx) * (y - my)
                sxx += (x - mx) * (x - mx)
            }
            let slope = sxy / sxx
            XCTAssertEqual(l.slope, slope, accuracy: 1e-9)
            XCTAssertEqual(l.value, my + slope * (n - 1 - mx), accuracy: 1e-9)
        }
    }

    func testRateOfChange() {
        var storage = [Double](repeating: 0, count: 11), r = qi_roc_t()
        XCTAssertEqual(qi_roc_init(&r, 10, &storage), QI_OK)
        for i in values.indices {
            let ready = qi_roc_update(&r, values[i]) == 1
            XCTAssertEqual(ready, i >= 10)
            if ready { XCTAssertEqual(r.value, (values[i] / values[i - 10] - 1) * 100, accuracy: 1e-12) }
        }
    }

    func testKeltnerIsEMAPlusMinusATR() {
        var k = qi_keltner_t(), ema = qi_ema_t(), atr = qi_atr_t()
        qi_keltner_init(&k, 20, 1.5)
        qi_ema_init(&ema, 20)
        qi_atr_init(&atr, 20)
        for v in values {
            let ready = qi_keltner_update(&k, v + 1, v - 1.5, v) == 1
            qi_ema_update(&ema, v)
            XCTAssertEqual(ready, qi_atr_update(&atr, v + 1, v - 1.5, v) == 1)
            if ready {
                XCTAssertEqual(k.middle, ema.value)
                XCTAssertEqual(k.upper, ema.value + 1.5 * atr.value)
                XCTAssertEqual(k.lower, ema.value - 1.5 * atr.value)
            }
        }
    }

    func testStateSaveLoadContinuesIdentically() {
        var sa = [Int64](repeating: 0, count: 20), sb = [Int64](repeating: 0, count: 20)
        var a = qi_bbands_t(), b = qi_bbands_t()
        qi_bbands_init(&a, 20, 2, &sa)
        qi_bbands_init(&b, 20, 2, &sb)
        for v in values[..<137] { qi_bbands_update(&a, v) }
        var bytes = [UInt8](repeating: 0, count: Int(qi_bbands_state_size(&a)))
        qi_bbands_state_save(&a, &bytes)
        XCTAssertEqual(qi_bbands_state_load(&b, bytes, UInt32(bytes.count)), QI_OK)
        XCTAssertEqual(qi_bbands_state_load(&b, bytes, UInt32(bytes.count - 1)), QI_ERR_STATE)
        for v in values[137...] {
            qi_bbands_update(&a, v)
            qi_bbands_update(&b, v)
            XCTAssertEqual(a.upper.bitPattern, b.upper.bitPattern)
            XCTAssertEqual(a.lower.bitPattern, b.lower.bitPattern)
        }
    }

    func testInitRejectsBadArguments() {
        var storage = [Int64](repeating: 0, count: 1), s = qi_sma_t(), r = qi_rsi_t(), m = qi_macd_t()
        XCTAssertEqual(qi_sma_init(&s, 0, &storage), QI_ERR_ARGUMENT)
        XCTAssertEqual(qi_rsi_init(&r, 1), QI_ERR_ARGUMENT)
        XCTAssertEqual(qi_macd_init(&m, 1, 26, 9), QI_ERR_ARGUMENT)
    }
}
