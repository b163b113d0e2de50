// spec: interchange.md "Limits" (printing input data): text that came from an input file
// (header names, field values, anything a message quotes) is printed to a terminal only
// through `terminalEscaped`, so a file cannot move the cursor, rewrite earlier lines, set
// the window title or reorder text with bidirectional controls.

/// `text` made safe to print to a terminal: C0 controls, DEL, C1 controls, the Unicode
/// line and paragraph separators and the bidirectional formatting characters are written
/// as `\u{XXXX}`, a backslash as `\\`; everything else is kept.
/// - Parameter keepingLineFeeds: print LF as a line break (for multi-line reports whose
///   lines we made); otherwise it is escaped too.
/// - Complexity: O(text length).
public func terminalEscaped(_ text: String, keepingLineFeeds: Bool = false) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
        if keepingLineFeeds && scalar == "\n" {
            out += "\n"
        } else if scalar == "\\" {
            out += "\\\\"
        } else if isUnsafeOnTerminal(scalar.value) {
            out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        } else {
            out.unicodeScalars.append(scalar)
        }
    }
    return out
}

/// Whether a terminal would act on this code point rather than show it.
package func isUnsafeOnTerminal(_ value: UInt32) -> Bool {
    switch value {
    case 0x00...0x1F, 0x7F...0x9F: return true  // C0, DEL, C1 (ESC, CSI, OSC, ...)
    case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true  // bidi marks and overrides
    case 0x2028, 0x2029: return true  // line and paragraph separators
    default: return false
    }
}
