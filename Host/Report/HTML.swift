/// Building blocks of the HTML pages. Every piece of text that reaches a page goes through ``escape(_:)``:
/// strategy names and fault messages come from plugins and users.
enum HTML {
    /// `text` safe in element content and in quoted attribute values: & < > " ' become entities.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A complete, self-contained document: inline style, no scripts, no external references.
    static func document(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        \(ReportStyle.css)
        </style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }
}
