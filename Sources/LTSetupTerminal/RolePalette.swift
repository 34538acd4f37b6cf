import CNcursesw
import LTSetupUI

/// The colour pair each `Role` is drawn with in a colour terminal.
///
/// Foregrounds only, on the terminal's own background (`use_default_colors`), so that the
/// wizard looks right on dark and light terminals alike. Meaning never rests on these colours:
/// every state also has a glyph, and monochrome terminals get none of this.
public enum RolePalette {
    /// Every role that gets a pair of its own, in pair-number order (pair 0 is `.normal`).
    public static let coloredRoles: [Role] = [.title, .accent, .success, .failure, .warning, .muted, .added, .removed]

    /// The pair number for `role`: 0 (the terminal's default colours) for `.normal`.
    public static func pair(for role: Role) -> Int16 {
        guard let index = coloredRoles.firstIndex(of: role) else { return 0 }
        return Int16(index + 1)
    }

    /// The foreground colour of `role`, given how many colours the terminal has.
    public static func foreground(for role: Role, colors: Int) -> Int16 {
        switch role {
        case .normal: -1
        case .title, .accent: Int16(COLOR_CYAN)
        case .success, .added: Int16(COLOR_GREEN)
        case .failure, .removed: Int16(COLOR_RED)
        case .warning: Int16(COLOR_YELLOW)
        // Bright black (grey) needs 16 colours; with 8 the default colour is the readable choice.
        case .muted: colors >= 16 ? 8 : -1
        }
    }

    /// Defines the pairs. `defaultBackground` is false when the terminal cannot keep its own
    /// background (`use_default_colors` failed): black is then the closest to what it shows.
    static func install(colors: Int, defaultBackground: Bool) {
        let background: Int16 = defaultBackground ? -1 : Int16(COLOR_BLACK)
        for role in coloredRoles {
            var foreground = foreground(for: role, colors: colors)
            if foreground < 0 && !defaultBackground { foreground = Int16(COLOR_WHITE) }
            init_pair(pair(for: role), foreground, background)
        }
    }
}
