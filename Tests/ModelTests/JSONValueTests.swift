import Foundation
import XCTest
import QuorumModel

final class JSONValueTests: XCTestCase {
    func testCompactTextKeepsKeyOrderAndExactNumbers() {
        let value = JSONValue.object([
            ("z", .money(Money(raw: 54_329_579_000_000))), ("a", .int(-3)), ("m", .double(0.1)),
            ("list", .array([.bool(true), .null, .double(.nan), .array([]), .object([])])),
        ])
        XCTAssertEqual(value.serialized(), #"{"z":543295.79,"a":-3,"m":0.1,"list":[true,null,null,[],{}]}"#)
    }

    func testPrettyTextIndentsTwoSpacesPerLevel() {
        let value = JSONValue.object([("trades", .array([.object([("qty", .int(513))])])), ("empty", .array([]))])
        XCTAssertEqual(value.serialized(pretty: true), """
            {
              "trades": [
                {
                  "qty": 513
                }
              ],
              "empty": []
            }
            """)
    }

    /// Streaming with ``JSONWriter`` writes what serializing the same tree writes, compact and pretty.
    func testStreamedTextIsTheTreesText() {
        let tree = JSONValue.array([
            .object([("cash", .money(Money(raw: -150_000_000))), ("price", .price(Price(raw: 18_631_000_000))),
                     ("qty", .int(7)), ("open", .bool(false)), ("name", .string("a\"b")), ("none", .null),
                     ("rows", .array([.object([]), .array([.array([])]), .int(0)]))]),
            .array([]),
        ])
        for pretty in [false, true] {
            var w = JSONWriter(into: TextBuilder(), pretty: pretty)
            w.beginArray()
            w.beginObject()
            w.member("cash", Money(raw: -150_000_000))
            w.member("price", Price(raw: 18_631_000_000))
            w.member("qty", Int64(7))
            w.member("open", false)
            w.member("name", "a\"b")
            w.key("none")
            w.null()
            w.key("rows")
            w.beginArray()
            w.value(.object([]))
            w.value(.array([.array([])]))
            w.int(0)
            w.endArray()
            w.endObject()
            w.beginArray()
            w.endArray()
            w.endArray()
            XCTAssertEqual(w.out.text, tree.serialized(pretty: pretty), "pretty: \(pretty)")
            if !pretty {
                XCTAssertEqual(w.out.text,
                               #"[{"cash":-1.5,"price":186.31,"qty":7,"open":false,"name":"a\"b","none":null,"rows":[{},[[]],0]},[]]"#)
            }
        }
    }

    func testStringsEscapeQuotesBackslashesAndControlCharactersOnly() throws {
        let text = "a\"b\\c\nd\re\tf\u{1}g\u{1F}h/é€😀"
        let serialized = JSONValue.object([(text, .string(text))]).serialized()
        XCTAssertEqual(serialized, #"{"a\"b\\c\nd\re\tf\u0001g\u001fh/é€😀":"a\"b\\c\nd\re\tf\u0001g\u001fh/é€😀"}"#)
        // Whatever it escapes, a JSON reader gets the original text back.
        let decoded = try JSONDecoder().decode([String: String].self, from: Data(serialized.utf8))
        XCTAssertEqual(decoded, [text: text])
    }

    /// The eight-bytes-at-a-time scan agrees with a byte-by-byte one for every byte value, at every position of
    /// texts from 0 to 17 bytes (a whole word, a word and a tail, tails alone), among bytes on both sides of
    /// each boundary the scan tests (0x1F/0x20, around `"` and `\`, 0x7F/0x80, 0xFF).
    func testEscapeScanAgreesWithTheByteByByteRule() {
        func special(_ byte: UInt8) -> Bool { byte < 0x20 || byte == 0x22 || byte == 0x5C }
        let fillers: [UInt8] = [0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7F, 0x80, 0xC3, 0xFF, UInt8(ascii: "a")]
        for length in 0...17 {
            for filler in fillers {
                var bytes = [UInt8](repeating: filler, count: length)
                XCTAssertFalse(bytes.withUnsafeBufferPointer(JSONStringEscaping.needsEscaping), "\(bytes)")
                for position in 0..<length {
                    for value in 0...255 {
                        bytes[position] = UInt8(value)
                        let scanned = bytes.withUnsafeBufferPointer(JSONStringEscaping.needsEscaping)
                        if scanned != special(UInt8(value)) {
                            XCTFail("byte \(value) at \(position) of \(length) among \(filler): \(scanned)")
                            return
                        }
                    }
                    bytes[position] = filler
                }
            }
        }
    }
}
