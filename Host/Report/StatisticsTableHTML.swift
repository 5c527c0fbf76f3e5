import QuorumPerformance

/// The statistics table as HTML, shared by `quorum compare --format html` and the report.
enum StatisticsTableHTML {
    /// A `<table>` with one row per book (the ensemble row emphasised), every metric as a column with its
    /// definition as the heading's tooltip, negative returns in red and `–` where undefined.
    static func table(_ comparison: ComparisonTable) -> String {
        let metrics = PerformanceMetric.allCases
        var out = "<div class=\"scroll\"><table>\n<thead><tr><th class=\"text\">name</th>"
        for metric in metrics {
            out += "<th title=\"\(HTML.escape(metric.definition))\">\(HTML.escape(metric.title))</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for row in comparison.rows {
            let rowClass = row.name == ComparisonRow.ensembleName ? " class=\"ensemble\"" : ""
            out += "<tr\(rowClass)><td class=\"text\">\(HTML.escape(row.name))</td>"
            for metric in metrics {
                let value = metric.rankValue(in: row.statistics)
                let text = MetricText.display(metric, value, missing: "–")
                let negativeFraction = metric.unit == .fraction && (value ?? 0) < 0
                let cellClass = value == nil ? "na" : negativeFraction ? "num neg" : "num"
                out += "<td class=\"\(cellClass)\">\(HTML.escape(text))</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table></div>"
    }

    /// The definitions of the metrics, as a compact legend under the table.
    static func definitions() -> String {
        "<div class=\"definitions\">" + PerformanceMetric.allCases.map {
            "<div><b>\(HTML.escape($0.title))</b> \(HTML.escape($0.definition))</div>"
        }.joined() + "<div><b>Returns</b> r: simple returns of the equity at the close of each trading "
            + "day (the last point of each date; one per bar for bars more than a day apart); risk-free rate 0. "
            + "Total return, drawdown and exposure take every point.</div></div>"
    }
}
