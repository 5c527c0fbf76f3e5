import Foundation
import XCTest
@testable import QuorumJournal

final class WallClockTests: XCTestCase {
    /// The journal's wall-clock text is ISO 8601 UTC to the second, as Foundation's formatter writes it, with
    /// fractions dropped (rounded down, before 1970 too).
    func testWallClockTimesAreISO8601InUTCToTheSecond() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        for seconds in [0, 1_795_000_000, 951_782_400, 4_102_444_799, -1, -86_400 * 365] as [TimeInterval] {
            let date = Date(timeIntervalSince1970: seconds)
            XCTAssertEqual(WallClock.iso8601(date), formatter.string(from: date), "\(seconds)")
        }
        XCTAssertEqual(WallClock.iso8601(Date(timeIntervalSince1970: 1_795_000_000.9)), "2026-11-18T11:06:40Z")
        XCTAssertEqual(WallClock.iso8601(Date(timeIntervalSince1970: -0.5)), "1969-12-31T23:59:59Z")
    }
}
