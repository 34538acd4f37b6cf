import CNcursesw

/// Escape sequences that common terminals send for keys, beyond what `TERM`'s terminfo
/// entry lists.
///
/// ncurses decodes only the sequences of the terminfo entry. An operator's terminal often
/// differs from the entry its `TERM` names: PuTTY says `xterm` but sends `ESC [1~` for Home
/// and `ESC [11~` for F1; tmux sends `ESC [1~` for Home under any `TERM`; some terminals
/// ignore the keypad-transmit mode and send `ESC [A` for Up. Without these, one key would
/// arrive as Esc plus three characters.
enum KeySequences {
    /// The extra sequences and the key code each means.
    static let alternates: [(String, Int32)] = {
        var list: [(String, Int32)] = [
            ("\u{1B}[A", KEY_UP), ("\u{1B}[B", KEY_DOWN), ("\u{1B}[C", KEY_RIGHT), ("\u{1B}[D", KEY_LEFT),
            ("\u{1B}OA", KEY_UP), ("\u{1B}OB", KEY_DOWN), ("\u{1B}OC", KEY_RIGHT), ("\u{1B}OD", KEY_LEFT),
            ("\u{1B}[H", KEY_HOME), ("\u{1B}OH", KEY_HOME), ("\u{1B}[1~", KEY_HOME), ("\u{1B}[7~", KEY_HOME),
            ("\u{1B}[F", KEY_END), ("\u{1B}OF", KEY_END), ("\u{1B}[4~", KEY_END), ("\u{1B}[8~", KEY_END),
            ("\u{1B}[3~", KEY_DC), ("\u{1B}[5~", KEY_PPAGE), ("\u{1B}[6~", KEY_NPAGE), ("\u{1B}[Z", KEY_BTAB),
            ("\u{1B}OM", KEY_ENTER),
        ]
        // F1-F4: xterm's SS3 form, PuTTY's and rxvt's ESC [1n~, the Linux console's ESC [[A.
        for (index, letter) in ["P", "Q", "R", "S"].enumerated() {
            let code = KEY_F0 + Int32(index + 1)
            list.append(("\u{1B}O\(letter)", code))
            list.append(("\u{1B}[\(11 + index)~", code))
            list.append(("\u{1B}[[\(["A", "B", "C", "D"][index])", code))
        }
        list.append(("\u{1B}[[E", KEY_F0 + 5))
        return list
    }()

    /// Binds every alternate that the terminfo entry leaves free. A sequence the entry
    /// already uses keeps its meaning there (`key_defined` is then non-zero).
    static func defineAlternates() {
        for (sequence, code) in alternates where key_defined(sequence) == 0 {
            define_key(sequence, code)
        }
    }
}
