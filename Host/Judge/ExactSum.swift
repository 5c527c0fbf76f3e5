/// The sum of doubles rounded once, as if added exactly (Shewchuk's partials, as Python's `math.fsum`): the
/// same for the same values in any order. A running `+=` rounds after every term, so its result depends on the
/// order of the terms — the order strategies are listed in — and leaves residues such as 0.01 + 0.02 − 0.03 =
/// 3.5e-18 in one order and 0 in another.
struct ExactSum {
    /// The sum of `count` values `value(0)`, …, `value(count − 1)`, all finite.
    static func of(count: Int, _ value: (Int) -> Double) -> Double {
        guard count > 1 else { return count == 1 ? value(0) : 0 }
        // Non-overlapping partials, smallest first; there are never more than the values added.
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: count) { partials in
            var used = 0
            for k in 0..<count {
                var x = value(k)
                var kept = 0
                for j in 0..<used {
                    var y = partials[j]
                    if abs(x) < abs(y) { swap(&x, &y) }
                    let high = x + y
                    let low = y - (high - x)
                    if low != 0 {
                        partials[kept] = low
                        kept += 1
                    }
                    x = high
                }
                partials[kept] = x
                used = kept + 1
            }
            // Add the partials from the largest down until the rest cannot change the rounded result.
            var n = used - 1
            var high = partials[n]
            var low = 0.0
            while n > 0 {
                let x = high, y = partials[n - 1]
                n -= 1
                high = x + y
                low = y - (high - x)
                if low != 0 { break }
            }
            // Round half to even correctly when the rest lies exactly halfway (fsum's last step).
            if n > 0 && ((low < 0 && partials[n - 1] < 0) || (low > 0 && partials[n - 1] > 0)) {
                let y = low * 2, x = high + y
                if y == x - high { high = x }
            }
            return high
        }
    }
}
