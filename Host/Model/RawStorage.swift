/// Room for plain values (no references) behind a raw pointer, grown by doubling: the byte buffer of
/// ``TextBuilder`` and the journal's equity-point lane.
public enum RawStorage {
    /// Moves the first `count` values at `base` into new room for at least `count + extra` values (and at least
    /// twice `capacity`), frees the old room, and updates `base` and `capacity`.
    @inlinable
    public static func grow<Element>(_ base: inout UnsafeMutablePointer<Element>, count: Int, capacity: inout Int,
                                     toFit extra: Int) {
        let larger = max(capacity * 2, count + extra)
        let grown = UnsafeMutablePointer<Element>.allocate(capacity: larger)
        grown.moveInitialize(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = larger
    }
}
