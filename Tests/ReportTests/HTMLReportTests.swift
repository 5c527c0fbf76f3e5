import Foundation
import QuorumModel
import QuorumPerformance
import QuorumReport
import XCTest

/// The structure of `quorum report`'s HTML file: self-contained, escaped, one chart per curve, small.
final class HTMLReportTests: XCTestCase {
    private func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    func testOneEquityAndOneDrawdownChartPerBookPlusGrowthAndWeights() {
        let input = ReportFixtures.input(strategies: 4)
        let html = HTMLReport(input).render()
        // 5 books × (equity + drawdown) + growth of 1 + hedge weights.
        XCTAssertEqual(count("<svg", in: html), 5 * 2 + 2)
        XCTAssertEqual(count("</svg>", in: html), 12)
        XCTAssertEqual(count("aria-label=\"Equity of ", in: html), 5)
        XCTAssertEqual(count("aria-label=\"Drawdown of ", in: html), 5)
        XCTAssertEqual(count("aria-label=\"Hedge weights over time\"", in: html), 1)
        XCTAssertTrue(html.contains("<h2>Statistics</h2>"))
        XCTAssertTrue(html.contains("<h2>Faults (3)</h2>"))
        XCTAssertEqual(count("<tr class=\"ensemble\">", in: html), 1)
        // The curves have a point per time step, which is a bar only with one symbol: the header says steps.
        XCTAssertTrue(html.contains(" · 1500 time steps · 4 strategies</p>"), "a header counting time steps")
        // Axis labels: years on the time axis, money on the equity axis, percentages on drawdowns.
        XCTAssertTrue(html.contains(">2016</text>") && html.contains(">2018</text>"))
        XCTAssertTrue(html.contains("k</text>"))
        XCTAssertTrue(html.contains("%</text>"))
    }

    func testReportIsSelfContained() {
        let html = HTMLReport(ReportFixtures.input(strategies: 3)).render()
        XCTAssertFalse(html.contains("http://") || html.contains("https://"))
        XCTAssertFalse(html.lowercased().contains("<script"))
        XCTAssertFalse(html.contains("src="))
        XCTAssertFalse(html.contains("<link"))
        XCTAssertFalse(html.contains("url("))
        XCTAssertFalse(html.contains("@import"))
    }

    func testTextFromPluginsIsEscaped() {
        let html = HTMLReport(ReportFixtures.input(strategies: 10)).render()
        XCTAssertFalse(html.lowercased().contains("<script"), "a strategy name or fault message got through unescaped")
        XCTAssertTrue(html.contains("&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;"))
        XCTAssertTrue(html.contains("bad &quot;quote&quot; &amp; &lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    func testTenBooksOfFiveThousandPointsStaySmall() {
        let html = HTMLReport(ReportFixtures.input(strategies: 9, points: 5000)).render()
        XCTAssertEqual(count("<svg", in: html), 10 * 2 + 2)
        print("report of 10 books × 5000 points: \(html.utf8.count / 1000) kB")
        XCTAssertLessThan(html.utf8.count, 600_000, "the curves are reduced to pixel columns")
    }

    func testFaultsBeyondTheLimitAreCounted() {
        let html = HTMLReport(ReportFixtures.input(strategies: 2, faults: 30), maxFaultRows: 10).render()
        XCTAssertTrue(html.contains("<h2>Faults (30)</h2>"))
        XCTAssertEqual(count("<td class=\"text message\">", in: html), 10)
        XCTAssertTrue(html.contains("20 more faults are not listed"))
        XCTAssertTrue(HTMLReport(ReportFixtures.input(faults: 0)).render().contains("No faults were recorded."))
    }

    /// A book that lost everything and more still has its growth and drawdown drawn (down past −100%); one
    /// that does not start positive or has no points says why it has none.
    func testBooksWithoutAUsableCurveSayWhy() {
        let table = ComparisonTable(rows: [])
        let broke = BookCurve(name: "broke", points: [EquityPoint(time: 0, equity: 100),
                                                     EquityPoint(time: nanosecondsPerDay, equity: -5)])
        let html = HTMLReport(ReportInput(title: "t", table: table, curves: [BookCurve(name: "empty", points: []), broke]))
            .render()
        XCTAssertTrue(html.contains("No equity recorded."))
        XCTAssertEqual(count("<svg", in: html), 3, "the broke book's growth, equity and drawdown")
        XCTAssertTrue(html.contains("Growth of 1"))
        let negative = BookCurve(name: "negative", points: [EquityPoint(time: 0, equity: -1),
                                                           EquityPoint(time: nanosecondsPerDay, equity: 5)])
        let undefined = HTMLReport(ReportInput(title: "t", table: table, curves: [negative])).render()
        XCTAssertTrue(undefined.contains("Undefined: the equity did not start positive."))
        XCTAssertEqual(count("<svg", in: undefined), 1, "its equity chart alone")
        XCTAssertFalse(undefined.contains("Growth of 1"), "no book to compare")
    }

    func testWriteProducesTheSameDocument() throws {
        let report = HTMLReport(ReportFixtures.input(strategies: 1, points: 50))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("quorum-report-\(UUID().uuidString).html")
        defer { try? FileManager.default.removeItem(at: url) }
        try report.write(to: url)
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), report.render())
    }
}
