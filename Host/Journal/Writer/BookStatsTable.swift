/// Writing and reading `book_stats`.
extension Database {
    func insertBookStats(_ rows: [BookStatsRow], run runID: Int64) throws(JournalError) {
        try transaction { () throws(JournalError) in
            let insert = try prepare(SQL.insert("book_stats", ["run_id", "book", "verdicts", "agreements",
                                                               "attributed_pnl", "attributed_pnl_raw"]))
            for row in rows {
                insert.bind(runID)
                insert.bind(row.book)
                insert.bind(row.verdicts)
                insert.bind(row.agreements)
                insert.bind(row.attributedPnL)
                try insert.run()
            }
        }
    }

    func bookStats(run runID: Int64) throws(JournalError) -> [BookStatsRow] {
        let select = try prepare("""
            SELECT book, verdicts, agreements, attributed_pnl, attributed_pnl_raw FROM book_stats
            WHERE run_id = ? ORDER BY book
            """)
        select.bind(runID)
        return try select.rows { (r: inout Row) in
            BookStatsRow(book: r.int(), verdicts: r.int(), agreements: r.int(), attributedPnL: r.money())
        }
    }
}
