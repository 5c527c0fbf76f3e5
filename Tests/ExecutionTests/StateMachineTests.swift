import QuorumExecution
import XCTest

/// Every (state, event) pair of both machines of SPEC §9: the allowed ones lead where the table says, every
/// other one is a TransitionError and changes nothing.
final class StateMachineTests: XCTestCase {
    /// Allowed order transitions, written out independently of the implementation: (from, event, hasFills) → to.
    private let orderTable: [String: String] = [
        "new/submit": "submitted", "new/reject": "rejected", "new/cancel": "canceled",
        "submitted/accept": "accepted", "submitted/reject": "rejected", "submitted/request_cancel": "pending_cancel",
        "accepted/partial_fill": "partially_filled", "accepted/fill": "filled", "accepted/reject": "rejected",
        "accepted/request_cancel": "pending_cancel", "accepted/request_replace": "pending_replace",
        "accepted/cancel": "canceled", "accepted/expire": "expired",
        "partially_filled/partial_fill": "partially_filled", "partially_filled/fill": "filled",
        "partially_filled/request_cancel": "pending_cancel", "partially_filled/request_replace": "pending_replace",
        "partially_filled/cancel": "canceled", "partially_filled/expire": "expired",
        "pending_cancel/cancel": "canceled", "pending_cancel/fill": "filled", "pending_cancel/partial_fill": "pending_cancel",
        "pending_cancel/cancel_rejected": "WORKING", "pending_cancel/expire": "expired",
        "pending_replace/replaced": "WORKING", "pending_replace/replace_rejected": "WORKING",
        "pending_replace/fill": "filled", "pending_replace/partial_fill": "pending_replace",
        "pending_replace/request_cancel": "pending_cancel", "pending_replace/cancel": "canceled",
        "pending_replace/expire": "expired",
    ]

    func testEveryOrderStatusAndEventPair() {
        var allowed = 0, refused = 0
        for status in OrderStatus.allCases {
            for event in OrderEvent.allCases {
                for hasFills in [false, true] {
                    let key = "\(status.rawValue)/\(event.rawValue)"
                    let result = status.after(event, hasFills: hasFills)
                    if var expected = orderTable[key] {
                        if expected == "WORKING" { expected = hasFills ? "partially_filled" : "accepted" }
                        XCTAssertEqual(try? result.get().rawValue, expected, key)
                        allowed += 1
                    } else {
                        guard case .failure(let error) = result else {
                            XCTFail("\(key) should be refused, went to \(try! result.get())")
                            continue
                        }
                        XCTAssertEqual(error, TransitionError(machine: "order", from: status.rawValue, event: event.rawValue))
                        refused += 1
                    }
                }
            }
        }
        XCTAssertEqual(allowed, orderTable.count * 2)
        XCTAssertEqual(allowed + refused, OrderStatus.allCases.count * OrderEvent.allCases.count * 2)
        for status in OrderStatus.allCases where status.isTerminal {
            for event in OrderEvent.allCases {
                XCTAssertThrowsError(try status.after(event, hasFills: true).get(), "\(status) is terminal")
            }
        }
    }

    private let tradeTable: [String: String] = [
        "scanning/detect": "setup_detected",
        "setup_detected/approve": "entry_approved", "setup_detected/abandon": "scanning",
        "entry_approved/abandon": "scanning", "entry_approved/place": "order_placed",
        "order_placed/entry_filled": "filled", "order_placed/entry_failed": "scanning",
        "filled/entry_filled": "filled", "filled/hold": "holding", "filled/trigger_exit": "exit_triggered",
        "holding/trigger_exit": "exit_triggered",
        "exit_triggered/place_exit": "order_closing",
        "order_closing/exit_failed": "holding", "order_closing/exit_filled": "closed",
    ]

    func testEveryTradePhaseAndEventPair() {
        var refused = 0
        for phase in TradePhase.allCases {
            for event in TradeEvent.allCases {
                let key = "\(phase.rawValue)/\(event.rawValue)"
                switch phase.after(event) {
                case .success(let next):
                    XCTAssertEqual(next.rawValue, tradeTable[key], "\(key) should be refused")
                case .failure(let error):
                    XCTAssertNil(tradeTable[key], "\(key) should lead to \(tradeTable[key] ?? "")")
                    XCTAssertEqual(error.description, "trade: \(event.rawValue) is not allowed in state \(phase.rawValue)")
                    refused += 1
                }
            }
        }
        XCTAssertEqual(refused, TradePhase.allCases.count * TradeEvent.allCases.count - tradeTable.count)
        // The happy path of SPEC §9 walks every phase in order.
        var phase = TradePhase.scanning
        var walked = [phase]
        for event in [TradeEvent.detect, .approve, .place, .entryFilled, .hold, .triggerExit, .placeExit, .exitFilled] {
            phase = try! phase.after(event).get()
            walked.append(phase)
        }
        XCTAssertEqual(walked.map(\.rawValue), ["scanning", "setup_detected", "entry_approved", "order_placed", "filled",
                                                "holding", "exit_triggered", "order_closing", "closed"])
    }
}
