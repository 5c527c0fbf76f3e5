import QuorumModel
import QuorumPortfolio
import QuorumTestSupport
import XCTest

/// A book's value is kept as positions and marks change (not summed over every symbol each time step): after
/// any mix of marks, fills, reversals and refused fills it equals the sum over the positions at their marks.
final class ValuationTests: XCTestCase {
    func testTheKeptValuationEqualsTheSumOverThePositions() {
        var random = SplitMix64(seed: 20_261_121)
        let symbols = 5
        var portfolio = Portfolio(startingCash: Money(units: 1_000_000), symbolCount: symbols)
        for step in 0..<20_000 {
            let symbol = Int(random.next() % UInt64(symbols))
            let price = Price(raw: Int64(random.next() % 50_000_000_000) + 1_000_000)   // 0.01 to 500
            if random.next() % 3 == 0 {
                // Long and short, adding, reducing and reversing; an absurd size now and then is refused whole.
                var quantity = Quantity(Int64(random.next() % 400)) - 200
                if step % 997 == 0 { quantity = .max / 2 }
                _ = portfolio.apply(Fill(symbol: symbol, time: Int64(step), quantity: quantity, price: price))
            } else {
                portfolio.mark(symbol, at: price)
            }
            var net: Int128 = 0, gross: Int128 = 0
            for s in 0..<symbols {
                let value = FixedPoint.product(portfolio.marks[s].raw, portfolio.positions[s].quantity)
                net += value
                gross += value < 0 ? -value : value
            }
            let cash = Int128(portfolio.cash.raw)
            XCTAssertEqual(portfolio.valuation.equity, Money(raw: FixedPoint.clamp(cash + net)), "step \(step)")
            XCTAssertEqual(portfolio.valuation.grossExposure, Money(raw: FixedPoint.clamp(gross)), "step \(step)")
            XCTAssertEqual(portfolio.buyingPower, Money(raw: FixedPoint.clamp(cash + net - gross)), "step \(step)")
            if portfolio.valuation.equity != Money(raw: FixedPoint.clamp(cash + net)) { return }   // one failure
        }
    }
}
