import QuorumModel

// Money and prices are stored as two columns: `x REAL` (the nearest double, for queries and charts) and
// `x_raw INTEGER` (the exact fixed-point value in 10⁻⁸ units). Writing binds both; reading takes the exact one.

extension Statement {
    /// Binds `money` as two parameters: its nearest double, then its exact raw integer.
    func bind(_ money: Money) {
        bind(money.doubleValue)
        bind(money.raw)
    }

    /// Binds `price` as two parameters: its nearest double, then its exact raw integer.
    func bind(_ price: Price) {
        bind(price.doubleValue)
        bind(price.raw)
    }

    /// Binds `price`, or two NULLs.
    func bind(_ price: Price?) {
        if let price { bind(price) } else { bindNull(); bindNull() }
    }

    /// Binds `money`, or two NULLs.
    func bind(_ money: Money?) {
        if let money { bind(money) } else { bindNull(); bindNull() }
    }
}

extension Row {
    /// Reads a `x, x_raw` pair: the exact amount.
    mutating func money() -> Money {
        _ = double()
        return Money(raw: int64())
    }

    /// Reads a `x, x_raw` pair: the exact price.
    mutating func price() -> Price {
        _ = double()
        return Price(raw: int64())
    }

    /// Reads a `x, x_raw` pair that may be NULL.
    mutating func optionalMoney() -> Money? {
        _ = optionalDouble()
        return optionalInt64().map { Money(raw: $0) }
    }

    /// Reads a `x, x_raw` pair that may be NULL.
    mutating func optionalPrice() -> Price? {
        _ = optionalDouble()
        return optionalInt64().map { Price(raw: $0) }
    }
}
