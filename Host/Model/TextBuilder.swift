/// Builds a short text from literals, strings, integers and fixed-point amounts, byte by byte, into one `String`
/// at the end: without the intermediate `String`s of interpolation, which cost several thousand instructions
/// for a sentence with a few numbers (risk explanations are written for every order).
public struct TextBuilder {
    private var bytes: [UInt8] = []

    public init(capacity: Int = 128) { bytes.reserveCapacity(capacity) }

    /// The text built so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    public mutating func append(_ literal: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    public mutating func append(_ string: String) { bytes.append(contentsOf: string.utf8) }

    /// `value` in decimal.
    public mutating func append(_ value: Int64) {
        appendWritten(maxLength: DecimalText.maxLength) { DecimalText.write(value, to: $0) }
    }

    public mutating func append(_ value: Int) { append(Int64(value)) }

    /// A raw 10⁻⁸ amount as ``FixedPoint/format(_:)`` writes it.
    public mutating func append(fixed raw: Int64) {
        appendWritten(maxLength: FixedPoint.maxTextLength) { FixedPoint.write(raw, to: $0) }
    }

    /// Appends what `write` writes (at most `maxLength` bytes; it returns how many) through a stack buffer.
    private mutating func appendWritten(maxLength: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Int) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maxLength) { buffer in
            let n = write(buffer.baseAddress!)
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<n]))
        }
    }

    public mutating func append(_ price: Price) { append(fixed: price.raw) }
    public mutating func append(_ money: Money) { append(fixed: money.raw) }
    public mutating func append(_ ratio: Ratio) { append(fixed: ratio.raw) }
}
