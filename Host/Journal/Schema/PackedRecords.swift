/// The kinds of record stored in `record_blocks` (since schema version 5) rather than one SQLite row each, how
/// an entry lays out their values, and the view of each that gives back the table it replaced, column for
/// column.
///
/// A block holds one kind's records of one written batch: `base_seq`, `first_ts` and `ts_unit`, and `data`, a
/// JSON array with one entry per record: `[seq - base_seq, (ts - first_ts) / ts_unit, value…]`, the values in
/// the order of ``columns(of:)``. Money and prices are their exact raw integer (the view adds the `REAL`
/// column); times are raw nanoseconds (the view adds the text); absent values are `null`.
///
/// One row per record cost ~8k instructions on the writer's thread and was most of a `decisions` journal's
/// cost; an entry is a few values printed into a buffer.
enum PackedRecords {
    /// A value of a packed record, and the view columns it becomes.
    enum Column: Sendable {
        /// `name INTEGER`.
        case integer(String)
        /// `name REAL`.
        case real(String)
        /// `name TEXT`.
        case text(String)
        /// Money or a price: `name REAL`, `name_raw INTEGER` (the entry holds the raw integer).
        case amount(String)
        /// A time: `name_ts INTEGER`, `name_time TEXT` (the entry holds the nanoseconds).
        case time(String)
    }

    /// The packed kinds, in the order of their block slots in the writer.
    static let kinds: [JournalRecord.Kind] = [
        .signal, .verdict, .riskDecision, .tradingState, .order, .orderEvent, .fill, .position, .trade,
    ]

    /// `kind`'s place in ``kinds``, or nil for a kind stored as rows (weights, faults, quarantines, transition
    /// errors: rare, and read first after a crash) or equity (``EquityBlocks``).
    @inline(__always)
    static func slot(of kind: JournalRecord.Kind) -> Int? {
        switch kind {
        case .signal: return 0
        case .verdict: return 1
        case .riskDecision: return 2
        case .tradingState: return 3
        case .order: return 4
        case .orderEvent: return 5
        case .fill: return 6
        case .position: return 7
        case .trade: return 8
        case .equity, .weights, .fault, .quarantine, .transitionError: return nil
        }
    }

    /// The values of a `kind` entry after its seq and ts, in order (the columns its table had after `seq`,
    /// `run_id`, `ts` and `time`). Migration 5 is generated from these lists, and a released migration never
    /// changes: a new column is a new migration (and a new view).
    static func columns(of kind: JournalRecord.Kind) -> [Column] {
        switch kind {
        case .signal:
            return [.integer("instance"), .text("symbol"), .integer("direction"), .real("confidence"),
                    .real("target_weight"), .amount("stop_loss"), .amount("take_profit"), .integer("expiry_bars"),
                    .text("reason")]
        case .verdict:
            return [.text("symbol"), .integer("direction"), .real("conviction"), .real("net"), .integer("stances"),
                    .integer("non_flat"), .real("target_weight"), .amount("stop_loss"), .amount("take_profit")]
        case .riskDecision:
            return [.text("symbol"), .text("action"), .text("rule"), .integer("requested"), .integer("approved"),
                    .text("detail")]
        case .tradingState:
            return [.text("from_state"), .text("to_state"), .text("reason")]
        case .order:
            return [.text("client_order_id"), .text("symbol"), .text("side"), .text("type"), .integer("quantity"),
                    .amount("limit_price"), .amount("stop_price"), .text("trail"), .text("time_in_force"),
                    .text("parent_id"), .text("leg")]
        case .orderEvent:
            return [.text("client_order_id"), .text("from_state"), .text("to_state"), .integer("filled_quantity"),
                    .text("reason")]
        case .fill:
            return [.text("client_order_id"), .text("symbol"), .integer("quantity"), .amount("price"),
                    .amount("commission")]
        case .position:
            return [.text("symbol"), .integer("quantity"), .amount("cost_basis"), .amount("realized_pnl")]
        case .trade:
            return [.integer("book"), .text("symbol"), .integer("quantity"), .time("entry"), .amount("entry_price"),
                    .amount("exit_price"), .amount("pnl"), .amount("commission")]
        case .equity, .weights, .fault, .quarantine, .transitionError:
            preconditionFailure("\(kind.rawValue) records are not packed in record_blocks")
        }
    }

    /// The view named after `kind`'s old table: its rows, unpacked from the kind's blocks.
    static func view(of kind: JournalRecord.Kind) -> String {
        let ts = "(b.first_ts + b.ts_unit * (e.value ->> 1))"
        var select = ["b.base_seq + (e.value ->> 0) AS seq", "b.run_id AS run_id", "\(ts) AS ts",
                      "\(JournalSchema.timeText(ts)) AS time"]
        for (offset, column) in columns(of: kind).enumerated() {
            let value = "(e.value ->> \(offset + 2))"
            switch column {
            case .integer(let name), .text(let name):
                select.append("\(value) AS \(name)")
            case .real(let name):
                select.append("CAST(\(value) AS REAL) AS \(name)")
            case .amount(let name):
                select.append("\(value) / 100000000.0 AS \(name)")
                select.append("\(value) AS \(name)_raw")
            case .time(let name):
                select.append("\(value) AS \(name)_ts")
                select.append("\(JournalSchema.timeText(value)) AS \(name)_time")
            }
        }
        return """
            CREATE VIEW \(kind.table) AS
                SELECT \(select.joined(separator: ",\n        "))
                FROM record_blocks b JOIN runs r ON r.run_id = b.run_id, json_each(b.data) e
                WHERE b.kind = '\(kind.rawValue)';
            """
    }

    /// SQL that moves the rows of `kind`'s table (schema version 4) into blocks of up to 4096 rows, each entry
    /// holding its seq and ts whole (`base_seq` and `first_ts` 0, `ts_unit` 1). Doubles are printed with 17
    /// significant digits, which read back as the same double (`json_array` alone prints 15).
    static func packRows(of kind: JournalRecord.Kind) -> String {
        var values = ["seq", "ts"]
        for column in columns(of: kind) {
            switch column {
            case .integer(let name), .text(let name): values.append(name)
            case .real(let name):
                values.append("CASE WHEN \(name) IS NULL THEN NULL ELSE json(printf('%!.17g', \(name))) END")
            case .amount(let name): values.append("\(name)_raw")
            case .time(let name): values.append("\(name)_ts")
            }
        }
        return """
            INSERT INTO record_blocks (run_id, kind, base_seq, first_ts, ts_unit, entries, data)
                SELECT run_id, '\(kind.rawValue)', 0, 0, 1, count(*),
                    json_group_array(json_array(\(values.joined(separator: ", "))))
                FROM (SELECT * FROM \(kind.table) ORDER BY seq) GROUP BY run_id, seq >> 12;
            """
    }
}
