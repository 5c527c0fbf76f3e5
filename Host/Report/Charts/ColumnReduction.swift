/// Reduces a curve to what can be drawn: at most two points per pixel column, the lowest and the highest
/// (in time order), placed on the column. A line through them covers the same pixels as the full curve, so
/// spikes and drawdowns survive while 5000 bars become about two points per pixel.
enum ColumnReduction {
    /// A drawable point in chart coordinates.
    struct Point: Equatable {
        var x: Double
        var y: Double
    }

    /// `points` (in time order, x increasing) reduced to the lowest and highest y of each whole-pixel column.
    static func minMax(_ points: [Point]) -> [Point] {
        var out: [Point] = []
        var start = 0
        while start < points.count {
            let column = Int(points[start].x.rounded())
            var lowIndex = start, highIndex = start
            var end = start + 1
            while end < points.count, Int(points[end].x.rounded()) == column {
                if points[end].y < points[lowIndex].y { lowIndex = end }
                if points[end].y > points[highIndex].y { highIndex = end }
                end += 1
            }
            let x = Double(column)
            for index in Set([lowIndex, highIndex]).sorted() { out.append(Point(x: x, y: points[index].y)) }
            start = end
        }
        return out
    }

    /// The indices of the last point of each whole-pixel column (for step-like series such as weights, where
    /// several curves must keep the same samples).
    static func lastPerColumn(_ points: [Point]) -> [Int] {
        var kept: [Int] = []
        var column = Int.min
        for (index, point) in points.enumerated() {
            let c = Int(point.x.rounded())
            if c == column { kept[kept.count - 1] = index } else { kept.append(index); column = c }
        }
        return kept
    }
}
