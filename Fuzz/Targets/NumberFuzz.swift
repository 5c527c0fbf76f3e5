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
/// - a parsed timestamp printed in the format it was parsed in (``Timestamps/format(_:_:)``) is its text again:
///   times are written as they appear in the data.
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
            findings.expect(printed == String(decoding: time, as: UTF8.self), """
                \(quoted(time)) = \(t) in \(format) is printed as \(printed)
                """)
        }
        return findings.lines
    }

    static func quoted(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        "\"" + String(decoding: bytes, as: UTF8.self).debugDescription.dropFirst().dropLast() + "\""
    }
}
