extension ComparisonTable {
    /// A standalone HTML page holding the statistics table and the metric definitions.
    public var htmlPage: String {
        HTML.document(title: "Quorum comparison", body: """
            <main>
            <h1>Strategy comparison</h1>
            <section class="panel">
            \(StatisticsTableHTML.table(self))
            \(StatisticsTableHTML.definitions())
            </section>
            </main>
            """)
    }
}
