import QuorumModel
import XCTest

final class FixedPointTests: XCTestCase {
    private func raw(_ text: String) -> Result<Int64, DecimalParser.Failure> { DecimalParser.parseRaw(text) }

    func testDecimalTextParsesExactly() {
        XCTAssertEqual(raw("186.31"), .success(18_631_000_000))
        XCTAssertEqual(raw("-0.5"), .success(-50_000_000))
        XCTAssertEqual(raw("100000"), .success(10_000_000_000_000))
        XCTAssertEqual(raw("1.2e3"), .success(120_000_000_000))
        XCTAssertEqual(raw("0.00000001"), .success(1))
        XCTAssertEqual(raw("12.3400000000"), .success(1_234_000_000))
        XCTAssertEqual(raw("0.000000001"), .failure(.tooPrecise))
        XCTAssertEqual(raw("1x"), .failure(.invalidCharacter(offset: 1)))
        XCTAssertEqual(raw(""), .failure(.empty))
        XCTAssertEqual(raw("99999999999999999999"), .failure(.outOfRange))
    }

    func testPlainDecimalsUpTo18CharactersParseLikeEveryOtherForm() {
        // Each plain text, and the same value written so that it takes the general path (a sign, an exponent).
        let cases: [(String, Result<Int64, DecimalParser.Failure>)] = [
            ("0", .success(0)), ("7", .success(700_000_000)), ("007.50", .success(750_000_000)),
            ("5.", .success(500_000_000)), (".5", .success(50_000_000)), ("0.00000001", .success(1)),
            ("92233720368.5477580", .success(9_223_372_036_854_775_800)),
            ("99999999999.999999", .failure(.outOfRange)), ("184467440737.09551", .failure(.outOfRange)),
            ("1.000000000", .success(100_000_000)), ("1.000000001", .failure(.tooPrecise)),
            (".", .failure(.empty)), ("1.2.3", .failure(.invalidCharacter(offset: 3))),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(raw(text), expected, text)
            if case .success(let value) = expected {
                XCTAssertEqual(raw("+" + text), .success(value), "+" + text)
                XCTAssertEqual(raw(text + "e0"), .success(value), text + "e0")
            }
        }
        // Every price with up to 8 decimals and 10 integer digits reads back from its own text.
        var state: UInt64 = 42
        for _ in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let value = Int64(state >> 11) % 1_000_000_000_000_000_000
            XCTAssertEqual(raw(FixedPoint.format(value)), .success(value), FixedPoint.format(value))
        }
    }

    func testFormatTrimsTrailingZerosAndKeepsLeadingOnes() {
        let cases: [(Int64, String)] = [
            (0, "0"), (1, "0.00000001"), (-1, "-0.00000001"), (50_000_000, "0.5"), (-50_000_000, "-0.5"),
            (18_631_000_000, "186.31"), (10_000_000_000_000, "100000"), (100_000_001, "1.00000001"),
            (-123_405_000_000, "-1234.05"), (Int64.max, "92233720368.54775807"), (Int64.min, "-92233720368.54775808"),
        ]
        for (raw, text) in cases { XCTAssertEqual(FixedPoint.format(raw), text, "\(raw)") }
        // Negative amounts read back from their text too.
        var state: UInt64 = 7
        for _ in 0..<2_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let value = -(Int64(state >> 11) % 1_000_000_000_000_000_000)
            XCTAssertEqual(raw(FixedPoint.format(value)), .success(value), FixedPoint.format(value))
        }
    }

    func testPriceToDoubleIsTheNearestDouble() {
        for text in ["186.31", "477.03", "0.1", "1.07219", "11.375", "3578.73"] {
            let price = Price(raw: try! raw(text).get())
            XCTAssertEqual(price.doubleValue, Double(text)!, text)
            XCTAssertEqual(price.description, text)
        }
    }

    func testSizingArithmeticIsExact() {
        // ⌊100000 × 0.95 / 186.31⌋ = 509 (95000 / 186.31 = 509.9...)
        let budget = Ratio(raw: 95_000_000).of(Money(units: 100_000))
        XCTAssertEqual(budget, Money(units: 95_000))
        XCTAssertEqual(FixedPoint.units(of: Price(raw: 18_631_000_000), within: budget), 509)
        // An exact quotient stays exact: 95000 / 190 = 500.
        XCTAssertEqual(FixedPoint.units(of: Price(raw: 19_000_000_000), within: budget), 500)
        XCTAssertEqual(Price(raw: 18_631_000_000).notional(513), Money(raw: 9_557_703_000_000))
    }

    func testMillionsOfFillsDoNotDrift() {
        var cash = Money(units: 100_000)
        let price = Price(raw: try! raw("0.1").get())
        for _ in 0..<1_000_000 { cash = cash - price.notional(3) }
        for _ in 0..<1_000_000 { cash = cash + price.notional(3) }
        XCTAssertEqual(cash, Money(units: 100_000))
    }
}

final class TimestampTests: XCTestCase {
    func testParseAndFormatRoundTrip() {
        for text in ["2004-08-19", "1970-01-01", "2000-02-29", "1899-12-31"] {
            let (t, format) = Timestamps.parse(text)!
            XCTAssertEqual(format, .date)
            XCTAssertEqual(Timestamps.format(t, .date), text)
        }
        let (t, format) = Timestamps.parse("2017-04-19T09:00:00")!
        XCTAssertEqual(format, .dateTime)
        XCTAssertEqual(t, 1_492_592_400 * nanosecondsPerSecond)
        XCTAssertEqual(Timestamps.format(t, .dateTime), "2017-04-19T09:00:00")
        XCTAssertNil(Timestamps.parse("2021-02-29"))
        XCTAssertNil(Timestamps.parse("2021-13-01"))
        XCTAssertNil(Timestamps.parse("2021-01-01T24:00:00"))
    }

    /// A time is written as it was parsed (SPEC §13): its separator and its digits of a second, in every form
    /// the reader accepts; other times in that format keep its digits, and any finer fraction they have.
    func testTimesAreWrittenInTheFormatTheyWereReadIn() throws {
        for text in ["2020-01-02", "2020-01-02T09:30:00", "2020-01-02 09:30:00", "2020-01-02 09:30:00.5",
                     "2020-01-02T09:30:00.500", "2020-01-02 09:30:00.000", "2020-01-02T09:30:00.000001",
                     "1969-12-31 23:59:59.999999999", "2020-01-02 09:30:00.120000000"] {
            let (t, format) = try XCTUnwrap(Timestamps.parse(text), text)
            XCTAssertEqual(Timestamps.format(t, format), text)
            XCTAssertEqual(TimeFormat(pattern: format.pattern), format, format.pattern)
        }
        let (_, milliseconds) = try XCTUnwrap(Timestamps.parse("2020-01-02 09:30:00.250"))
        XCTAssertEqual(milliseconds.pattern, "YYYY-MM-DD HH:MM:SS.fff")
        let morning = try XCTUnwrap(Timestamps.parse("2020-01-03 10:00:00")).0
        XCTAssertEqual(Timestamps.format(morning, milliseconds), "2020-01-03 10:00:00.000")
        XCTAssertEqual(Timestamps.format(morning + 1, milliseconds), "2020-01-03 10:00:00.000000001")
        XCTAssertEqual(Timestamps.format(morning + 5_000_000, .dateTime), "2020-01-03T10:00:00.005")
        XCTAssertEqual(Timestamps.format(morning + 5_000_000, .date), "2020-01-03")
        XCTAssertEqual(Timestamps.format(.min, milliseconds).count, Timestamps.maximumTextLength)
        XCTAssertEqual(Timestamps.format(.max, .dateTime), "2262-04-11T23:47:16.854775807")
        XCTAssertEqual(Timestamps.format(.min, .dateTime), "1677-09-21T00:12:43.145224192")
        for pattern in ["", "date", "YYYY-MM-DDXHH:MM:SS", "YYYY-MM-DD HH:MM", "YYYY-MM-DD HH:MM:SS.",
                        "YYYY-MM-DD HH:MM:SS.ffffffffff", "YYYY-MM-DD HH:MM:SS.fx", "YYYY-MM-DDTHH:MM:SSZ"] {
            XCTAssertNil(TimeFormat(pattern: pattern), pattern)
        }
    }

    /// A reader's memo of the last date changes no result: a run of texts through one memo — same day, next
    /// day, date only, bad dates, bad times after a good date, a bad text between two rows of one day — parse
    /// exactly as they do alone.
    func testTheDateMemoChangesNoResult() {
        let texts = ["2020-01-02T09:30:00", "2020-01-02T09:31:00", "2020-01-02 16:00:00", "2020-01-02",
                     "2020-01-02T24:00:00", "2020-01-02T09:3x:00", "2020-01-02T09:32:00.5", "2020-01-03T00:00:00",
                     "2020-02-30T00:00:00", "2020-01-03T00:01:00", "2020-0x-03T00:01:00", "2020-01-03", "2020-01",
                     "", "2020-01-03T00:02:00", "2021-02-29", "2021-02-28", "2021-02-28T23:59:59", "1969-12-31T23:59:59"]
        var memo = Timestamps.DateMemo()
        for text in texts + texts.reversed() {
            let alone = Timestamps.parse(text)
            let remembered = Array(text.utf8).withUnsafeBufferPointer { Timestamps.parse($0, memo: &memo) }
            XCTAssertEqual(alone?.0, remembered?.0, text)
            XCTAssertEqual(alone?.1, remembered?.1, text)
        }
        XCTAssertEqual(Timestamps.parse("2020-01-03T00:02:00")?.0, Timestamps.parse("2020-01-03")!.0 + 120 * nanosecondsPerSecond)
    }

    /// Dates are accepted only where every instant and the next midnight fit a Timestamp (1677-09-22 to
    /// 2262-04-10), and refused, not wrapped or trapped on, outside — found by the numbers fuzz target
    /// (Fuzz/corpus/numbers/huge).
    func testDatesOutsideTheRangeOfATimestampAreRefused() {
        let last = Timestamps.parse("2262-04-10T23:59:59.999999999")!.0
        XCTAssertFalse((Timestamps.day(of: last) + 1).multipliedReportingOverflow(by: nanosecondsPerDay).overflow,
                       "the next midnight fits")
        XCTAssertEqual(Timestamps.format(last, .dateTime), "2262-04-10T23:59:59.999999999")
        let first = Timestamps.parse("1677-09-22")!.0
        XCTAssertEqual(Timestamps.format(first, .dateTime), "1677-09-22T00:00:00")
        XCTAssertEqual(Timestamps.day(of: first) * nanosecondsPerDay, first)
        for text in ["2262-04-11", "2262-04-11T00:00:00", "2262-04-12", "9999-12-31T23:59:59", "1677-09-21",
                     "1677-09-21T23:59:59", "0000-01-01"] {
            var memo = Timestamps.DateMemo()
            XCTAssertNil(Timestamps.parse(text), text)
            XCTAssertNil(Array(text.utf8).withUnsafeBufferPointer { Timestamps.parse($0, memo: &memo) }, text)
        }
    }

    /// Every Timestamp formats, the extremes included, whose midnights lie outside the range (found by the
    /// numbers fuzz target: Fuzz/corpus/numbers/first-day-of-the-range).
    func testEveryTimestampFormats() {
        XCTAssertEqual(Timestamps.format(.min, .dateTime), "1677-09-21T00:12:43.145224192")
        XCTAssertEqual(Timestamps.format(.max, .dateTime), "2262-04-11T23:47:16.854775807")
        XCTAssertEqual(Timestamps.secondOfDay(.min), 12 * 60 + 43)
        XCTAssertEqual(Timestamps.secondOfDay(-1), 86_399)
        XCTAssertEqual(Timestamps.day(of: .min), Timestamps.day(of: Timestamps.parse("1677-09-22")!.0) - 1)
        XCTAssertEqual(Timestamps.day(of: -1), -1)
        XCTAssertEqual(Timestamps.day(of: -nanosecondsPerDay), -1)
    }
}

final class FixedPointClampTests: XCTestCase {
    func testIntegersBeyondSixtyFourBitsClampToTheEnds() {
        XCTAssertEqual(FixedPoint.clamp(Int128(Int64.max) + 1), .max)
        XCTAssertEqual(FixedPoint.clamp(Int128(Int64.min) - 1), .min)
        XCTAssertEqual(FixedPoint.clamp(Int128(-42)), -42)
    }

    func testSumsBeyondSixtyFourBitsClampToTheEnds() {
        XCTAssertEqual(Money(raw: .max).clampedAdding(Money(raw: 1)), Money(raw: .max))
        XCTAssertEqual(Money(raw: .min).clampedSubtracting(Money(raw: 1)), Money(raw: .min))
        XCTAssertEqual(Money(raw: -40).clampedSubtracting(Money(raw: 2)), Money(raw: -42))
        XCTAssertEqual(Money(raw: -40).clampedAdding(Money(raw: -2)), Money(raw: -42))
        XCTAssertEqual(Price(raw: .max).notional(2), Money(raw: .max))
    }

    /// The widening product is the exact 128-bit product, signs and the ends of the range included.
    func testProductsAreExact() {
        let values: [Int64] = [0, 1, -1, 2, -2, 100_000_000, -123_456_789_012, .max, .min, .max - 1, .min + 1,
                               4_294_967_296, -4_294_967_297]
        for a in values {
            for b in values {
                XCTAssertEqual(FixedPoint.product(a, b), Int128(a) * Int128(b), "\(a) × \(b)")
            }
        }
    }

    func testWholeDoublesClamp() {
        XCTAssertEqual(FixedPoint.clamp(3.0), 3)
        XCTAssertEqual(FixedPoint.clamp(-3.0), -3)
        XCTAssertEqual(FixedPoint.clamp(9_223_372_036_854_775_808.0), .max)   // 2⁶³
        XCTAssertEqual(FixedPoint.clamp(-9_223_372_036_854_775_808.0), .min)  // −2⁶³ fits
        XCTAssertEqual(FixedPoint.clamp(9_223_372_036_854_774_784.0), 9_223_372_036_854_774_784)
        XCTAssertEqual(FixedPoint.clamp(1e300), .max)
        XCTAssertEqual(FixedPoint.clamp(-.infinity), .min)
        XCTAssertEqual(FixedPoint.clamp(.nan), 0)
    }

    /// ⌊amount × ratio⌋ is exact: at the amount's binary value and the ratio's decimal one, never the rounded
    /// product of two doubles (0.29 × 100 was 28 units).
    func testWholeUnitsOfAnAmountAreExact() {
        XCTAssertEqual(Ratio(0.29)!.wholeUnits(of: 100), 29)
        XCTAssertEqual(Ratio(0.1)!.wholeUnits(of: 30), 3)
        XCTAssertEqual(Ratio(0.07)!.wholeUnits(of: 100), 7)
        XCTAssertEqual(Ratio(0.001)!.wholeUnits(of: 100_000), 100)
        XCTAssertEqual(Ratio(1)!.wholeUnits(of: 0.75), 0)
        XCTAssertEqual(Ratio(0.5)!.wholeUnits(of: 3.5), 1)
        XCTAssertEqual(Ratio(0.29)!.wholeUnits(of: 0), 0)
        XCTAssertEqual(Ratio(0.29)!.wholeUnits(of: -5), 0)
        XCTAssertEqual(Ratio(0.29)!.wholeUnits(of: .nan), 0)
        XCTAssertEqual(Ratio(raw: 0).wholeUnits(of: 100), 0)
        XCTAssertEqual(Ratio(0.29)!.wholeUnits(of: .infinity), .max)
        XCTAssertEqual(Ratio(1)!.wholeUnits(of: 1e300), .max)
        XCTAssertEqual(Ratio(1)!.wholeUnits(of: 9_223_372_036_854_775_808.0), .max)        // 2⁶³
        XCTAssertEqual(Ratio(0.5)!.wholeUnits(of: 9_223_372_036_854_775_808.0), 1 << 62)
        XCTAssertEqual(Ratio(1)!.wholeUnits(of: .leastNonzeroMagnitude), 0)
        XCTAssertEqual(Ratio(raw: .max).wholeUnits(of: 1), 92_233_720_368)
        // Amounts of 2⁶⁴ and more: still exact while the result fits (the cap vanished at 2e19 × 0.01).
        XCTAssertEqual(Ratio(0.01)!.wholeUnits(of: 2e19), 200_000_000_000_000_000)
        XCTAssertEqual(Ratio(0.01)!.wholeUnits(of: 1.8e19), 180_000_000_000_000_000)
        XCTAssertEqual(Ratio(raw: 1).wholeUnits(of: 0x1p100), .max)
        XCTAssertEqual(Ratio(raw: 1).wholeUnits(of: 0x1p80), Int64(Int128(1) << 80 / Int128(fixedPointScale)))
        XCTAssertEqual(Ratio(raw: 1).wholeUnits(of: 0x1p130), .max)
        // Against integer arithmetic, for whole amounts and for amounts k / 2^j (exact in binary).
        var random = SystemRandomNumberGenerator()
        for _ in 0..<4_000 {
            let raw = Int64.random(in: 1...200_000_000, using: &random)
            let whole = Int64.random(in: 0...(1 << 40), using: &random)
            XCTAssertEqual(Ratio(raw: raw).wholeUnits(of: Double(whole)),
                           Int64(Int128(raw) * Int128(whole) / Int128(fixedPointScale)), "\(raw) × \(whole)")
            let k = Int64.random(in: 1...(1 << 50), using: &random), j = Int.random(in: 1...60, using: &random)
            let exact = Int128(raw) * Int128(k) / (Int128(fixedPointScale) << j)
            XCTAssertEqual(Ratio(raw: raw).wholeUnits(of: Double(k) / Double(sign: .plus, exponent: j, significand: 1)),
                           Int64(exact), "\(raw) × \(k) / 2^\(j)")
            // k × 2^j, up to 2⁹⁵: the exact product when it fits in 64 bits, else Int64.max.
            let big = Int.random(in: 1...45, using: &random)
            let up = ((Int128(raw) * Int128(k)) << big) / Int128(fixedPointScale)
            XCTAssertEqual(Ratio(raw: raw).wholeUnits(of: Double(k) * Double(sign: .plus, exponent: big, significand: 1)),
                           up > Int128(Int64.max) ? .max : Int64(up), "\(raw) × \(k) × 2^\(big)")
        }
    }
}
