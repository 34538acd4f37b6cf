import Glibc
import LTSetupUI

/// What the operator's terminal can do, decided from the environment before curses starts
/// and completed from the locale and from ncurses once it has.
///
/// Every decision is a pure function of its inputs, so that the rules (which are easy to get
/// subtly wrong) are unit-tested with injected environments; `TerminalScreen.start()` feeds it
/// the real `setlocale` and `has_colors` results.
public struct TerminalCapabilities: Hashable, Sendable {
    /// Why the wizard must run as line-by-line prompts instead of starting curses.
    public enum PlainReason: Hashable, Sendable, CustomStringConvertible {
        /// Standard input is not a terminal (a pipe, `/dev/null`, cron).
        case inputNotATerminal
        /// Standard output is not a terminal (redirected to a file or a pipe).
        case outputNotATerminal
        /// `TERM` is not set, or is empty.
        case noTerminalType
        /// `TERM=dumb`: a terminal that cannot move its cursor (an editor's shell buffer).
        case dumbTerminal

        public var description: String {
            switch self {
            case .inputNotATerminal: "standard input is not a terminal"
            case .outputNotATerminal: "standard output is not a terminal"
            case .noTerminalType: "TERM is not set"
            case .dumbTerminal: "TERM=dumb cannot draw screens"
            }
        }
    }

    /// Set when curses must not be started; the caller then uses its plain mode.
    public var plainReason: PlainReason?
    /// The terminal types `newterm` tries in turn: `TERM` first, then types every Debian
    /// server has, for a `TERM` without a terminfo entry there (`xterm-kitty`, `foot`).
    public var terminalTypes: [String]
    /// Whether the operator's locale names UTF-8 (`LC_ALL`, else `LC_CTYPE`, else `LANG`),
    /// even if that locale is not installed on this server.
    public var wantsUTF8: Bool
    /// Whether colour may be used at all: `NO_COLOR` is not set (https://no-color.org).
    public var colorAllowed: Bool
    /// The characters frames are drawn with; final after `adoptLocale(codeset:)`.
    public var glyphs: Glyphs
    /// Whether frames are drawn in colour; final after `adoptTerminal(hasColors:colors:)`.
    public var color: Bool

    /// True when the caller must not start curses.
    public var plainMode: Bool { plainReason != nil }

    /// The types tried after the operator's own `TERM`.
    public static let fallbackTerminalTypes = ["xterm-256color", "vt100"]
    /// The locale switched to when UTF-8 is wanted but the operator's locale does not give it;
    /// built into glibc (2.35+) and shipped by Debian's libc for years before.
    public static let utf8FallbackLocale = "C.UTF-8"

    /// Decides from the environment and whether standard input and output are terminals.
    /// Glyphs and colour start at their most cautious values (ASCII, no colour) until the
    /// locale and the terminal have been asked.
    public static func detect(environment: [String: String], inputIsTerminal: Bool,
                              outputIsTerminal: Bool) -> TerminalCapabilities {
        let term = environment["TERM"] ?? ""
        var reason: PlainReason?
        if !inputIsTerminal {
            reason = .inputNotATerminal
        } else if !outputIsTerminal {
            reason = .outputNotATerminal
        } else if term.isEmpty {
            reason = .noTerminalType
        } else if term == "dumb" {
            reason = .dumbTerminal
        }
        var types = term.isEmpty ? [] : [term]
        for fallback in fallbackTerminalTypes where !types.contains(fallback) { types.append(fallback) }
        // no-color.org: set and not empty.
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        return TerminalCapabilities(plainReason: reason, terminalTypes: types,
                                    wantsUTF8: namesUTF8(effectiveLocaleName(environment)),
                                    colorAllowed: !noColor, glyphs: .ascii, color: false)
    }

    /// The capabilities of this process's own environment and standard streams.
    public static func current() -> TerminalCapabilities {
        detect(environment: processEnvironment(), inputIsTerminal: isatty(STDIN_FILENO) == 1,
               outputIsTerminal: isatty(STDOUT_FILENO) == 1)
    }

    /// The locale to switch `LC_CTYPE` to after `setlocale(LC_CTYPE, "")` gave `codeset`, or
    /// nil to keep it. A UTF-8 locale that is not installed (forwarded by ssh from the
    /// operator's laptop) leaves the C locale, in which `get_wch` silently drops every
    /// non-ASCII key; `C.UTF-8` then keeps input and drawing working.
    public func localeFallback(afterCodeset codeset: String) -> String? {
        Self.isUTF8(codeset: codeset) || !wantsUTF8 ? nil : Self.utf8FallbackLocale
    }

    /// Settles the glyphs from the codeset the locale finally has: Unicode line drawing only
    /// in a UTF-8 locale, where ncurses can encode it; ASCII elsewhere.
    public mutating func adoptLocale(codeset: String) {
        glyphs = Self.isUTF8(codeset: codeset) ? .unicode : .ascii
    }

    /// Settles colour from what ncurses reports after `newterm`: colour needs `NO_COLOR`
    /// unset and a terminal with at least the eight ANSI colours.
    public mutating func adoptTerminal(hasColors: Bool, colors: Int) {
        color = colorAllowed && hasColors && colors >= 8
    }

    /// The locale name that decides `LC_CTYPE`, by POSIX precedence.
    /// Whether the locale `environment` names (LC_ALL, else LC_CTYPE, else LANG) is UTF-8:
    /// the same rule for the screens and for plain output.
    public static func localeNamesUTF8(_ environment: [String: String]) -> Bool {
        namesUTF8(effectiveLocaleName(environment))
    }

    static func effectiveLocaleName(_ environment: [String: String]) -> String {
        for name in ["LC_ALL", "LC_CTYPE", "LANG"] {
            if let value = environment[name], !value.isEmpty { return value }
        }
        return ""
    }

    /// Whether a locale name such as `en_US.UTF-8` or `de_DE.utf8` asks for UTF-8.
    static func namesUTF8(_ locale: String) -> Bool {
        let lowered = locale.lowercased()
        return lowered.contains("utf-8") || lowered.contains("utf8")
    }

    /// `nl_langinfo(CODESET)` says "UTF-8" in every UTF-8 locale of glibc.
    static func isUTF8(codeset: String) -> Bool {
        namesUTF8(codeset)
    }

    /// The process environment as a dictionary, without Foundation.
    static func processEnvironment() -> [String: String] {
        var result: [String: String] = [:]
        var entry = environ
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            entry += 1
        }
        return result
    }
}
