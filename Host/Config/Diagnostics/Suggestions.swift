/// "Did you mean …?" suggestions for misspelt keys, enum values and ids.
public enum Suggestions {
    /// The candidate closest to `word`: Damerau–Levenshtein distance (optimal string alignment, case-insensitive)
    /// at most 2 and smaller than the word's length, or one being a prefix of the other. Ties go to the
    /// earlier candidate. Nil when nothing is close.
    public static func closest(to word: String, among candidates: [String]) -> String? {
        let w = Array(word.lowercased())
        guard !w.isEmpty else { return nil }
        var best: (candidate: String, score: Int)?
        for candidate in candidates where candidate != word {
            let c = Array(candidate.lowercased())
            var score = distance(w, c)
            if score > 2 || score >= w.count {
                let isPrefix = c.count >= 2 && w.count >= 2 && (c.starts(with: w) || w.starts(with: c))
                guard isPrefix else { continue }
                score = 3   // a prefix match ranks after any close spelling
            }
            if best == nil || score < best!.score { best = (candidate, score) }
        }
        return best?.candidate
    }

    /// `"; did you mean 'x'?"` or the empty string.
    public static func didYouMean(_ word: String, among candidates: [String]) -> String {
        closest(to: word, among: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent transpositions.
    public static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
