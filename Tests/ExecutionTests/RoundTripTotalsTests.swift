import QuorumModel
import QuorumPortfolio
import XCTest

/// A round trip is the whole trade from flat to flat: every fill that added to or reduced the position counts,
/// so the round trips of a book add up to its realized P&L. Before, a trade reduced in steps kept only its last
/// fill's units and P&L (a reviewer's run: 6000 of 12150 realized).
final class RoundTripTotalsTests: XCTestCase {
    private func fill(_ quantity: Quantity, _ price: Double, day: Int64) -> Fill {
        Fill(symbol: 0, time: day * nanosecondsPerDay, quantity: quantity, price: Price(price)!)
    }

    func testATradeReducedInStepsIsOneRoundTripWithAllItsPnL() {
        var portfolio = Portfolio(startingCash: Money(units: 100_000), symbolCount: 1)
        for f in [fill(181, 100, day: 1), fill(-48, 110, day: 2), fill(-33, 105, day: 3), fill(-100, 90, day: 4)] {
            XCTAssertTrue(portfolio.apply(f))
        }
        XCTAssertEqual(portfolio.roundTrips.count, 1)
        let trip = portfolio.roundTrips[0]
        XCTAssertEqual(trip.quantity, 181)
        XCTAssertEqual(trip.pnl, Money(units: 48 * 10 + 33 * 5 - 100 * 10))          // −355
        XCTAssertEqual(trip.pnl, portfolio.realizedPnL)
        XCTAssertEqual(trip.entryPrice, Price(100)!)
        XCTAssertEqual(trip.exitPrice, Price(raw: 9_803_867_403), "17745 / 181 = 98.038674033…, rounded")
        XCTAssertEqual(trip.entryTime, nanosecondsPerDay)
        XCTAssertEqual(trip.exitTime, 4 * nanosecondsPerDay)
    }

    func testAdditionsAverageTheEntryAndAReversalStartsANewTrade() {
        var portfolio = Portfolio(startingCash: Money(units: 100_000), symbolCount: 1)
        XCTAssertTrue(portfolio.apply(fill(100, 100, day: 1)))
        XCTAssertTrue(portfolio.apply(fill(50, 106, day: 2)))
        XCTAssertEqual(portfolio.positions[0].averageCost, Price(102)!, "(10000 + 5300) / 150")
        XCTAssertTrue(portfolio.apply(fill(-200, 110, day: 3)))                          // closes 150, opens −50
        XCTAssertTrue(portfolio.apply(fill(50, 100, day: 4)))
        XCTAssertEqual(portfolio.roundTrips.map(\.quantity), [150, -50])
        XCTAssertEqual(portfolio.roundTrips.map(\.pnl), [Money(units: 1_200), Money(units: 500)])
        XCTAssertEqual(portfolio.roundTrips.map(\.entryPrice), [Price(102)!, Price(110)!])
        XCTAssertEqual(portfolio.roundTrips.reduce(Money.zero) { $0.clampedAdding($1.pnl) }, portfolio.realizedPnL)
    }

    /// Each symbol keeps its own realized P&L (the journal's positions carried the whole book's as the symbol's).
    func testRealizedPnLIsKeptPerSymbol() {
        var portfolio = Portfolio(startingCash: Money(units: 100_000), symbolCount: 2)
        for f in [Fill(symbol: 0, time: 1, quantity: 10, price: Price(100)!), Fill(symbol: 1, time: 1, quantity: -5, price: Price(50)!),
                  Fill(symbol: 0, time: 2, quantity: -10, price: Price(104)!), Fill(symbol: 1, time: 2, quantity: 5, price: Price(53)!)] {
            XCTAssertTrue(portfolio.apply(f))
        }
        XCTAssertEqual(portfolio.realizedPnL(of: 0), Money(units: 40))
        XCTAssertEqual(portfolio.realizedPnL(of: 1), Money(units: -15))
        XCTAssertEqual(portfolio.realizedPnL, Money(units: 25))
    }

    /// An open position trimmed and then added to: its average cost is that of the units it holds (the trim left
    /// it, the addition averaged it), not the average of every buy; what the trim realized and what the fills paid
    /// are there before the round trip closes, and move to it when it does.
    func testAnOpenPositionsCostAndItsTradeToDate() {
        var portfolio = Portfolio(startingCash: Money(units: 100_000), symbolCount: 1)
        let one = Money(units: 1)
        for f in [Fill(symbol: 0, time: 1, quantity: 100, price: Price(100)!, commission: one),
                  Fill(symbol: 0, time: 2, quantity: -40, price: Price(110)!, commission: one),
                  Fill(symbol: 0, time: 3, quantity: 60, price: Price(120)!, commission: one)] {
            XCTAssertTrue(portfolio.apply(f))
        }
        XCTAssertEqual(portfolio.positions[0].costBasis, Money(units: 60 * 100 + 60 * 120))
        XCTAssertEqual(portfolio.positions[0].averageCost, Price(110)!, "13200 / 120 (the buys average 107.5)")
        portfolio.mark(0, at: Price(125)!)
        XCTAssertEqual(portfolio.unrealizedPnL(0), Money(units: 120 * (125 - 110)))
        XCTAssertEqual(portfolio.openTradeToDate(0).realizedPnL, Money(units: 40 * 10))
        XCTAssertEqual(portfolio.openTradeToDate(0).commission, Money(units: 3))
        XCTAssertEqual(portfolio.cash + portfolio.positionsValue, portfolio.startingCash + Money(units: 400 + 1_800 - 3),
                       "cash + value = start + realized + unrealized − commission")
        XCTAssertTrue(portfolio.apply(Fill(symbol: 0, time: 4, quantity: -120, price: Price(125)!, commission: one)))
        XCTAssertEqual(portfolio.roundTrips.map(\.pnl), [Money(units: 400 + 1_800)])
        XCTAssertEqual(portfolio.roundTrips.map(\.commission), [Money(units: 4)])
        XCTAssertEqual(portfolio.openTradeToDate(0).realizedPnL, .zero)
        XCTAssertEqual(portfolio.openTradeToDate(0).commission, .zero)
        XCTAssertEqual(portfolio.positions[0].averageCost, Price(raw: 0))
    }
}
