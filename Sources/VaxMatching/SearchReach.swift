/// How far a candidate search goes; each step is taken only when the last was not decisive.
enum SearchReach {
    /// ID paths, given name + full birth date, full name + province (exact tokens).
    case selective
    /// ... and family + given name + the recorded birth year.
    case birthYear
    /// ... with tokens a typo away and birth years one off.
    case wide
}
