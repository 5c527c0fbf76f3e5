/// Numbers written into SVG: coordinates to a tenth of a unit (a tenth of a pixel at 1:1), which keeps files
/// small without visible loss.
enum SVGNumber {
    /// `value` rounded to one decimal, without a trailing ".0" ("12", "-3.5").
    static func coordinate(_ value: Double) -> String {
        tenths(Int((value * 10).rounded()))
    }

    /// A whole number of tenths as a decimal ("123" → "12.3", "-5" → "-.5", "40" → "4").
    static func tenths(_ tenths: Int) -> String {
        let magnitude = abs(tenths)
        let sign = tenths < 0 ? "-" : ""
        if magnitude % 10 == 0 { return sign + String(magnitude / 10) }
        return sign + (magnitude < 10 ? "" : String(magnitude / 10)) + "." + String(magnitude % 10)
    }
}

/// SVG path data for a polyline, compact: the first point absolute, the others relative (`l dx dy …`), all on
/// a grid of tenths so that relative steps add up to exactly the absolute positions.
struct SVGPath {
    private(set) var data = ""
    private var last: (x: Int, y: Int)?
    private var drawing = false

    /// Starts at `(x, y)` when the path is empty, else draws a line to it.
    mutating func add(x: Double, y: Double) {
        let point = (x: Int((x * 10).rounded()), y: Int((y * 10).rounded()))
        if let last {
            if !drawing { data += "l"; drawing = true } else { separate(before: point.x - last.x) }
            data += SVGNumber.tenths(point.x - last.x)
            separate(before: point.y - last.y)
            data += SVGNumber.tenths(point.y - last.y)
        } else {
            data += "M" + SVGNumber.tenths(point.x) + " " + SVGNumber.tenths(point.y)
        }
        last = point
    }

    /// A space between numbers, unless the next one's minus sign separates them already.
    private mutating func separate(before tenths: Int) {
        if tenths >= 0 { data += " " }
    }

    /// Closes the outline back to its start.
    mutating func close() { data += "Z" }
}
