import QuorumModel

/// The JSON text of recently written doubles, by bit pattern, for the writer thread: a verdict's conviction and
/// net score come from a few combinations of weights and repeat from one verdict to the next, and formatting a
/// double (the shortest text that reads back as it, ``TextBuilder/appendJSON(_:)``) costs ~600 instructions
/// where a lookup costs a few.
///
/// Direct-mapped: each bit pattern has one slot, which the next pattern mapped to it overwrites. The text is
/// what ``TextBuilder/appendJSON(_:)`` writes, byte for byte.
final class DoubleTexts {
    private static let slots = 256
    /// The longest text kept (a double's shortest form is at most 24 bytes; `null` is 4).
    private static let width = 24
    private let keys: UnsafeMutablePointer<UInt64>
    private let lengths: UnsafeMutablePointer<UInt8>
    private let texts: UnsafeMutablePointer<UInt8>
    /// A scratch builder for the texts formatted on a miss.
    private let scratch = TextBuilder(capacity: 32)

    init() {
        keys = .allocate(capacity: Self.slots)
        keys.initialize(repeating: 0, count: Self.slots)
        lengths = .allocate(capacity: Self.slots)
        lengths.initialize(repeating: 0, count: Self.slots)  // length 0: empty slot
        texts = .allocate(capacity: Self.slots * Self.width)
        texts.initialize(repeating: 0, count: Self.slots * Self.width)
    }

    deinit {
        keys.deallocate()
        lengths.deallocate()
        texts.deallocate()
    }

    /// Appends `value` to `text` as ``TextBuilder/appendJSON(_:)`` does.
    func append(_ value: Double, to text: TextBuilder) {
        let key = value.bitPattern
        let slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) &>> 56)
        let stored = texts + slot &* Self.width
        if lengths[slot] != 0 && keys[slot] == key {
            text.append(UnsafeBufferPointer(start: stored, count: Int(lengths[slot])))
            return
        }
        scratch.removeAll()
        scratch.appendJSON(value)
        let bytes = scratch.bytes
        text.append(bytes)
        guard bytes.count <= Self.width else { return }
        stored.update(from: bytes.baseAddress!, count: bytes.count)
        keys[slot] = key
        lengths[slot] = UInt8(bytes.count)
    }
}
