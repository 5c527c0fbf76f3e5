/// RFC 4180 CSV text.
enum CSV {
    /// A field as written: quoted, with quotes doubled, when it holds a comma, a quote, CR or LF.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
        else { return text }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }

    /// One record, terminated by CRLF.
    static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }
}
