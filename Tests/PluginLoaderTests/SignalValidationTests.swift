import QuorumModel
import QuorumPluginAPI
@testable import QuorumPlugins
import XCTest

/// Field checks of one signal (the header's rules for quorum_signal_t).
final class SignalValidationTests: XCTestCase {
    func signal(stop: Double? = nil, target: Double? = nil) -> quorum_signal_t {
        var raw = quorum_signal_t()
        raw.direction = QUORUM_DIRECTION_LONG
        raw.confidence = 1
        if let stop { raw.flags |= QUORUM_SIGNAL_HAS_STOP_LOSS; raw.stop_loss = stop }
        if let target { raw.flags |= QUORUM_SIGNAL_HAS_TAKE_PROFIT; raw.take_profit = target }
        return raw
    }

    /// Prices are kept in 10⁻⁸ units: 4e-9 was accepted (it is > 0) and became a stop at 0, which the header
    /// calls invalid. A price is checked as it is kept.
    func testAPriceThatRoundsToZeroIsInvalid() {
        for value in [4e-9, 1e-12, 0, -1e-9, .nan, .infinity] {
            guard case .failure(.invalidPrice(field: "stop_loss", _)) = SignalValidation.validate(
                signal(stop: value), symbolCount: 1) else { return XCTFail("stop \(value)") }
            guard case .failure(.invalidPrice(field: "take_profit", _)) = SignalValidation.validate(
                signal(target: value), symbolCount: 1) else { return XCTFail("target \(value)") }
        }
        let smallest = try? SignalValidation.validate(signal(stop: 6e-9, target: 1e-8), symbolCount: 1).get().1
        XCTAssertEqual(smallest?.stopLoss, Price(raw: 1))
        XCTAssertEqual(smallest?.takeProfit, Price(raw: 1))
    }
}
