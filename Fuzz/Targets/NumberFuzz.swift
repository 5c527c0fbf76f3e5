import QuorumModel

/// Numbers and times as the data and configuration readers parse them. The input is a decimal number and, after
/// the first `|`, a timestamp; the text before the `|` is also parsed as a timestamp first, with the same date
/// memo, as the row before would be.
///
/// Properties:
/// - parsing never traps;
/// - the fast decimal path (``DecimalParser/parsePlainRaw(_:)``) accepts only what the general one accepts, as
///   the same value;
/// - a parsed amount printed (``FixedPoint/format(_:)``) parses back to itself;
/// - the date memo changes no result: a timestamp parsed after another with one memo is parsed as alone;
/// - a parsed timestamp printed (``Timestamps/format(_:_:)``, whole seconds) parses back to itself, to the
///   second, in the same format.
enum NumberFuzz {
    static func findings(for input: UnsafeBufferPointer<UInt8>) -> [String] {
        var findings = Findings()
        let bar = input.firstIndex(of: UInt8(ascii: "|"))
        let number = UnsafeBufferPointer(rebasing: input[..<(bar ?? input.count)])
        let time = bar.map { UnsafeBufferPointer(rebasing: input[($0 + 1)...]) } ?? input

        let general = DecimalParser.parseRaw(number)
        let plain = DecimalParser.parsePlainRaw(number)
        if let plain {
            findings.expect(general == .success(plain), "\(quoted(number)): the fast path read \(plain), the general \(general)")
        }
        if case .success(let raw) = general {
            let printed = FixedPoint.format(raw)
            let again = DecimalParser.parseRaw(printed)
            findings.expect(again == .success(raw), "\(quoted(number)) = \(raw) printed as \(printed) reads back as \(again)")
        }

        var memo = Timestamps.DateMemo()
        _ = Timestamps.parse(number, memo: &memo)
        let remembered = Timestamps.parse(time, memo: &memo)
        let alone = Timestamps.parse(time)
        findings.expect(remembered?.0 == alone?.0 && remembered?.1 == alone?.1, """
            \(quoted(time)) after \(quoted(number)) with one memo is \(String(describing: remembered)), \
            alone \(String(describing: alone))
            """)
        if let (t, format) = alone {
            let printed = Timestamps.format(t, format)
            let again = Timestamps.parse(printed)
            // A date prints its day; a time of day prints every nanosecond (its fraction too): it reads back exactly.
            let expected = format == .date ? Timestamps.day(of: t) * nanosecondsPerDay : t
            findings.expect(again?.0 == expected && again?.1 == format, """
                \(quoted(time)) = \(t) printed as \(printed) reads back as \(String(describing: again))
                """)
        }
        return findings.lines
    }

    static func quoted(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        "\"" + String(decoding: bytes, as: UTF8.self).debugDescription.dropFirst().dropLast() + "\""
    }
}
