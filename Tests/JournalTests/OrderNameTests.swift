import QuorumModel
import XCTest
@testable import QuorumJournal

/// Orders, order events and fills name their order by the id's parts (`OrderName.id`); the writer thread writes
/// the id's text into the journal. It must read back as exactly the text `ClientOrderID.text(run:symbolName:)`
/// gives, whatever the run's id and the symbols' names hold (quotes, backslashes, non-ASCII) and whether the
/// event's number is small or large.
final class OrderNameTests: JournalTestCase {
    func testAnIdIsWrittenAsItsText() throws {
        let run = #"bt "7" \ ünï"#
        let symbols = ["GOOG", #"OR"CL"#, #"BRK\B"#, "日本"]
        let writer = try JournalWriter(path: journalPath, run: runInfo(id: run, level: .decisions, symbols: symbols))
        var ids: [ClientOrderID] = []
        for (i, leg) in OrderLeg.allCases.enumerated() {
            for symbol in symbols.indices {
                // The first event, small and large numbers, and the largest.
                let events = [0, 7, 1_103_587_200, Int.max]
                ids.append(ClientOrderID(event: events[(i + symbol) % events.count], symbol: symbol, leg: leg))
            }
        }
        func text(_ id: ClientOrderID) -> OrderName { .text(id.text(run: run, symbolName: symbols[id.symbol])) }
        for (i, id) in ids.enumerated() {
            let time = t0 + Int64(i) * nanosecondsPerSecond
            let parent = ids[(i + 1) % ids.count]
            // Each record twice: named by the parts, then by the text.
            for name in [OrderName.id, text] {
                writer.append(.order(OrderRecord(time: time, clientOrderID: name(id), symbol: id.symbol, side: "buy",
                                                 type: "market", quantity: 1, timeInForce: "day",
                                                 parentID: i % 2 == 0 ? name(parent) : nil, leg: id.leg.rawValue)))
                writer.append(.orderEvent(OrderEventRecord(time: time, clientOrderID: name(id), from: "new",
                                                           to: "submitted", filledQuantity: 0)))
                writer.append(.fill(FillRecord(time: time, clientOrderID: name(id), symbol: id.symbol, quantity: 1,
                                               price: Price(raw: 100), commission: .zero)))
            }
        }
        try writer.close(final: completed)

        let records = try JournalReader(path: journalPath).records(run: run, kinds: [.order, .orderEvent, .fill])
        XCTAssertEqual(records.count, ids.count * 6)
        func names(_ record: JournalRecord) -> [OrderName?] {
            switch record {
            case .order(let r): return [r.clientOrderID, r.parentID]
            case .orderEvent(let r): return [r.clientOrderID]
            case .fill(let r): return [r.clientOrderID]
            default: return []
            }
        }
        // Read back in seq order within each kind: the two copies of a record are neighbours.
        let byKind = Dictionary(grouping: records, by: \.kind)
        for kind in [JournalRecord.Kind.order, .orderEvent, .fill] {
            let rows = try XCTUnwrap(byKind[kind])
            XCTAssertEqual(rows.count, ids.count * 2)
            for i in ids.indices {
                XCTAssertEqual(rows[2 * i], rows[2 * i + 1], "\(kind) \(i)")
                XCTAssertEqual(names(rows[2 * i]).first, text(ids[i]), "\(kind) \(i)")
            }
        }
    }

    /// An id naming a symbol the run does not have is refused like any record that does: the journal stops
    /// there and says so.
    func testAnIdOfAnUnknownSymbolFailsTheJournal() throws {
        let writer = try JournalWriter(path: journalPath, run: runInfo(level: .decisions))
        writer.append(.orderEvent(OrderEventRecord(time: t0, clientOrderID: .id(ClientOrderID(event: 1, symbol: 9,
                                                                                           leg: .entry)),
                                                   from: "new", to: "submitted", filledQuantity: 0)))
        XCTAssertThrowsError(try writer.close(final: completed)) { error in
            XCTAssertTrue("\(error)".contains("symbol index 9"), "\(error)")
        }
    }
}
