import QuorumIndicators
import XCTest

/// Every value of SMA, EMA, RSI, MACD, BBANDS and ATR on ORCL against TA-Lib's output, warm-up included.
final class TALibOracleTests: XCTestCase {
    /// Compares one indicator output with the oracle cell: both absent, or equal to 1e-9 relative.
    func check(_ name: String, _ row: Int, _ ready: Bool, _ value: Double, _ expected: Double?,
               file: StaticString = #filePath, line: UInt = #line) {
        guard let expected else {
            XCTAssertFalse(ready, "\(name)[\(row)] should still be warming up", file: file, line: line)
            return
        }
        XCTAssertTrue(ready, "\(name)[\(row)] should be ready", file: file, line: line)
        let tolerance = 1e-9 * max(abs(expected), 1e-300)
        XCTAssertLessThanOrEqual(abs(value - expected), tolerance,
                                 "\(name)[\(row)] = \(value), TA-Lib \(expected)", file: file, line: line)
    }

    func testMatchesTALibOnORCL() throws {
        let bars = try Fixtures.csv("data/ORCL_1d.csv")
        let oracle = try Fixtures.csv("Tests/Fixtures/oracle/ORCL_indicators.talib.csv")
        XCTAssertEqual(bars.strings("timestamp"), oracle.strings("timestamp"))
        let high = bars.doubles("high").map { $0! }, low = bars.doubles("low").map { $0! }
        let close = bars.doubles("close").map { $0! }

        var smaStorage = [Int64](repeating: 0, count: 20), bbStorage = [Int64](repeating: 0, count: 20)
        var sma = qi_sma_t(), ema = qi_ema_t(), rsi = qi_rsi_t(), macd = qi_macd_t(), bb = qi_bbands_t()
        var atr = qi_atr_t()
        XCTAssertEqual(qi_sma_init(&sma, 20, &smaStorage), QI_OK)
        XCTAssertEqual(qi_ema_init(&ema, 20), QI_OK)
        XCTAssertEqual(qi_rsi_init(&rsi, 14), QI_OK)
        XCTAssertEqual(qi_macd_init(&macd, 12, 26, 9), QI_OK)
        XCTAssertEqual(qi_bbands_init(&bb, 20, 2.0, &bbStorage), QI_OK)
        XCTAssertEqual(qi_atr_init(&atr, 14), QI_OK)

        let expected = ["sma20", "ema20", "rsi14", "macd", "macd_signal", "macd_hist", "bb_upper", "bb_middle",
                        "bb_lower", "atr14"].map { oracle.doubles($0) }
        var checked = 0
        for i in close.indices {
            let smaReady = qi_sma_update(&sma, close[i]) == 1
            let emaReady = qi_ema_update(&ema, close[i]) == 1
            let rsiReady = qi_rsi_update(&rsi, close[i]) == 1
            let macdReady = qi_macd_update(&macd, close[i]) == 1
            let bbReady = qi_bbands_update(&bb, close[i]) == 1
            let atrReady = qi_atr_update(&atr, high[i], low[i], close[i]) == 1
            check("sma20", i, smaReady, sma.value, expected[0][i])
            check("ema20", i, emaReady, ema.value, expected[1][i])
            check("rsi14", i, rsiReady, rsi.value, expected[2][i])
            check("macd", i, macdReady, macd.macd, expected[3][i])
            check("macd_signal", i, macdReady, macd.signal, expected[4][i])
            check("macd_hist", i, macdReady, macd.hist, expected[5][i])
            check("bb_upper", i, bbReady, bb.upper, expected[6][i])
            check("bb_middle", i, bbReady, bb.middle, expected[7][i])
            check("bb_lower", i, bbReady, bb.lower, expected[8][i])
            check("atr14", i, atrReady, atr.value, expected[9][i])
            checked += expected.filter { $0[i] != nil }.count
        }
        XCTAssertGreaterThan(checked, 49_000)
    }
}
