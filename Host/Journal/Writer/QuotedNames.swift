import QuorumModel

/// Names written as JSON strings (quoted and escaped) once, to be copied into every entry that names one: a
/// run's symbols, named by nearly every packed record.
struct QuotedNames {
    /// Every name's JSON string, one after the other; never appended to after `init`, so its bytes stay put.
    private let text = TextBuilder()
    /// Where each name's JSON string ends in `text`.
    private let ends: [Int]

    init(_ names: [String]) {
        var ends: [Int] = []
        ends.reserveCapacity(names.count)
        for name in names {
            text.appendJSONString(name)
            ends.append(text.count)
        }
        self.ends = ends
    }

    var count: Int { ends.count }

    /// Name `index`'s JSON string (`index` in `0..<count`); valid while this value lives.
    subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
        let start = index == 0 ? 0 : ends[index &- 1]
        return UnsafeBufferPointer(rebasing: text.bytes[start..<ends[index]])
    }
}
