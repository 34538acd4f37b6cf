// The ncurses painter: see TerminalScreen.
