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

    func testStringsEscapeQuotesBackslashesAndControlCharactersOnly() throws {
        let text = "a\"b\\c\nd\re\tf\u{1}g\u{1F}h/é€😀"
        let serialized = JSONValue.object([(text, .string(text))]).serialized()
        XCTAssertEqual(serialized, #"{"a\"b\\c\nd\re\tf\u0001g\u001fh/é€😀":"a\"b\\c\nd\re\tf\u0001g\u001fh/é€😀"}"#)
        // Whatever it escapes, a JSON reader gets the original text back.
        let decoded = try JSONDecoder().decode([String: String].self, from: Data(serialized.utf8))
        XCTAssertEqual(decoded, [text: text])
    }
}
