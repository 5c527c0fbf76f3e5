import QuorumModel

/// One series of a ``TimeSeriesChart``.
struct ChartSeries {
    enum Shape {
        /// A line.
        case line
        /// A filled area between the values and a horizontal baseline (drawdowns, below 0).
        case area(baseline: Double)
        /// A filled band between `lower` and the values (a layer of stacked weights).
        case band(lower: [Double])
    }

    var color: String
    var shape: Shape
    var times: [Timestamp]
    var values: [Double]
}

/// A time-series chart as inline SVG: value axis with nice ticks and grid, calendar time axis, and the series
/// reduced to the pixel columns they cover. No `xmlns` (inline SVG in HTML needs none), so the page holds no
/// URL at all.
struct TimeSeriesChart {
    /// What the chart shows, for screen readers (`aria-label`).
    var label: String
    var width: Double
    var height: Double
    var series: [ChartSeries]
    var style: ValueAxis.LabelStyle
    /// The value range to show; by default the data's (with baselines and the reference line).
    var range: ClosedRange<Double>?
    /// A dashed horizontal line (the starting equity, growth of 1).
    var reference: Double?

    private let left = 58.0, right = 16.0, top = 10.0, bottom = 24.0

    func svg() -> String {
        let times = series.flatMap { [$0.times.first, $0.times.last].compactMap { $0 } }
        guard let t0 = times.min(), let t1 = times.max() else { return "" }
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let axis = ValueAxis(covering: range ?? dataRange(), style: style, targetTicks: max(3, Int(plotHeight / 45)))
        let x = { (t: Timestamp) -> Double in
            t1 == t0 ? left + plotWidth / 2
                : left + Timestamps.nanoseconds(from: t0, to: t) / Timestamps.nanoseconds(from: t0, to: t1) * plotWidth
        }
        let y = { (v: Double) -> Double in
            top + (axis.high - min(max(v, axis.low), axis.high)) / (axis.high - axis.low) * plotHeight
        }
        let n = SVGNumber.coordinate
        var out = "<svg viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-label=\"\(HTML.escape(label))\">"
        for tick in axis.ticks {
            out += "<line class=\"grid\" x1=\"\(n(left))\" x2=\"\(n(width - right))\" y1=\"\(n(y(tick)))\" y2=\"\(n(y(tick)))\"/>"
            out += "<text x=\"\(n(left - 6))\" y=\"\(n(y(tick) + 3.5))\" text-anchor=\"end\">\(HTML.escape(axis.label(tick)))</text>"
        }
        for tick in TimeAxis(from: t0, to: t1, maxTicks: max(2, Int(plotWidth / 90))).ticks {
            let tx = x(tick.time)
            let anchor = tx > width - right - 24 ? "end" : tx < left + 24 ? "start" : "middle"
            out += "<line class=\"grid\" x1=\"\(n(tx))\" x2=\"\(n(tx))\" y1=\"\(n(top))\" y2=\"\(n(top + plotHeight))\"/>"
            out += "<text x=\"\(n(tx))\" y=\"\(n(height - 6))\" text-anchor=\"\(anchor)\">\(HTML.escape(tick.label))</text>"
        }
        for s in series { out += path(s, x: x, y: y) }
        if let reference, (axis.low...axis.high).contains(reference) {
            out += "<line class=\"baseline\" x1=\"\(n(left))\" x2=\"\(n(width - right))\" y1=\"\(n(y(reference)))\" y2=\"\(n(y(reference)))\"/>"
        }
        out += "<line class=\"axis\" x1=\"\(n(left))\" x2=\"\(n(width - right))\" y1=\"\(n(top + plotHeight))\" y2=\"\(n(top + plotHeight))\"/>"
        return out + "</svg>"
    }

    private func dataRange() -> ClosedRange<Double> {
        var values = series.flatMap { s -> [Double] in
            switch s.shape {
            case .line: return s.values
            case .area(let baseline): return s.values + [baseline]
            case .band(let lower): return s.values + lower
            }
        }.filter(\.isFinite)
        if let reference { values.append(reference) }
        guard let low = values.min(), let high = values.max() else { return 0...1 }
        return low...high
    }

    private func path(_ s: ChartSeries, x: (Timestamp) -> Double, y: (Double) -> Double) -> String {
        let points = zip(s.times, s.values).map { ColumnReduction.Point(x: x($0), y: y($1)) }
        func trace(_ points: [ColumnReduction.Point], closed: Bool = false) -> String {
            var path = SVGPath()
            for point in points { path.add(x: point.x, y: point.y) }
            if closed { path.close() }
            return path.data
        }
        switch s.shape {
        case .line:
            let reduced = ColumnReduction.minMax(points)
            guard !reduced.isEmpty else { return "" }
            return "<path class=\"line\" stroke=\"\(s.color)\" d=\"\(trace(reduced))\"/>"
        case .area(let baseline):
            let reduced = ColumnReduction.minMax(points)
            guard let first = reduced.first, let last = reduced.last else { return "" }
            let base = y(baseline)
            let outline = [ColumnReduction.Point(x: first.x, y: base)] + reduced + [ColumnReduction.Point(x: last.x, y: base)]
            return "<path fill=\"\(s.color)\" fill-opacity=\"0.25\" d=\"\(trace(outline, closed: true))\"/>"
                + "<path class=\"line\" stroke=\"\(s.color)\" d=\"\(trace(reduced))\"/>"
        case .band(let lower):
            let kept = ColumnReduction.lastPerColumn(points)
            guard !kept.isEmpty else { return "" }
            let upper = kept.map { points[$0] }
            let under = kept.reversed().map { ColumnReduction.Point(x: points[$0].x, y: y(lower[$0])) }
            return "<path fill=\"\(s.color)\" fill-opacity=\"0.9\" stroke=\"#ffffff\" stroke-width=\"0.5\" d=\""
                + trace(upper + under, closed: true) + "\"/>"
        }
    }
}
