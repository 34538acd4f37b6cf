#!/usr/bin/env python3
"""The key fuzz's input: a stream of random keys and resizes, the same for the same seed.

    key-stream.py SEED KEYS

prints one event a line, KEYS key events in all with resizes between them:

    key HEX,HEX,... LABEL     bytes to send to the terminal, as one key (or one paste)
    resize COLUMNS ROWS       the terminal's new size

What the keys are, by weight: printable ASCII; the keys the wizard binds (arrows in both
cursor modes, Tab, Shift-Tab, Enter, Backspace, Home, End, Page Up/Down, Insert, Delete) and
modified arrows; F1-F20, plain and modified; Esc alone and Alt+key; partial and malformed
sequences (a CSI cut short, a huge or endless parameter list, an SS3 without its final);
sequences a terminal sends that the wizard never asked for (mouse reports, focus in/out,
bracketed-paste markers) and ones a terminal only receives (OSC titles and clipboard, DCS,
DECSET, RIS); valid UTF-8 (accented letters, CJK, emoji, combining marks, right-to-left
letters and overrides, zero-width joiners, C1 controls encoded in UTF-8); invalid UTF-8
(stray continuation bytes, cut sequences, overlong forms, surrogates, bytes FE and FF);
control characters (NUL, Ctrl-A to Ctrl-_); pastes of printable text; pastes of values the
Details screen accepts (so that the walk sometimes gets past it). `q`, Ctrl-Q and Ctrl-C,
which quit or stop, are rarer than the rest (and in one paste in ten only), so that a run is
not over after a few keys.
Between keys, now and then, a resize: back to 80x24, larger, smaller, or extreme (1x1).
"""
import random
import sys

ESC = b"\x1b"
CSI = ESC + b"["
SS3 = ESC + b"O"

NAMED = [
    ("Up", CSI + b"A"), ("Down", CSI + b"B"), ("Right", CSI + b"C"), ("Left", CSI + b"D"),
    ("Up/app", SS3 + b"A"), ("Down/app", SS3 + b"B"), ("Right/app", SS3 + b"C"), ("Left/app", SS3 + b"D"),
    ("Tab", b"\t"), ("BackTab", CSI + b"Z"), ("Enter", b"\r"), ("LF", b"\n"),
    ("Backspace", b"\x7f"), ("Backspace/BS", b"\x08"), ("Space", b" "),
    ("Home", CSI + b"H"), ("End", CSI + b"F"), ("Home/app", SS3 + b"H"), ("End/app", SS3 + b"F"),
    ("Home/vt", CSI + b"1~"), ("End/vt", CSI + b"4~"), ("Insert", CSI + b"2~"), ("Delete", CSI + b"3~"),
    ("PageUp", CSI + b"5~"), ("PageDown", CSI + b"6~"),
]
# How often each named key comes, relative to the others: the ones that move through the
# wizard more than the rest.
NAMED_WEIGHTS = {"Enter": 6, "Tab": 5, "Up": 4, "Down": 4, "Left": 3, "Right": 3, "Space": 3, "Backspace": 2}

FUNCTION = [("F1", SS3 + b"P"), ("F2", SS3 + b"Q"), ("F3", SS3 + b"R"), ("F4", SS3 + b"S")]
FUNCTION += [("F%d/vt" % n, CSI + b"%d~" % code) for n, code in ((1, 11), (2, 12), (3, 13), (4, 14))]
FUNCTION += [("F%d" % n, CSI + b"%d~" % code) for n, code in
             ((5, 15), (6, 17), (7, 18), (8, 19), (9, 20), (10, 21), (11, 23), (12, 24),
              (13, 25), (14, 26), (15, 28), (16, 29), (17, 31), (18, 32), (19, 33), (20, 34))]

MALFORMED = [
    ("CSI cut", CSI), ("CSI 1; cut", CSI + b"1;"), ("CSI 1;5 cut", CSI + b"1;5"), ("SS3 cut", SS3),
    ("CSI ? cut", CSI + b"?"), ("CSI huge", CSI + b"99999999999999999999A"),
    ("CSI many params", CSI + b";".join(b"%d" % n for n in range(200)) + b"m"),
    ("CSI bad final", CSI + b"1;2\x7f"), ("CSI intermediates", CSI + b"1 $!q"),
    ("ESC ESC", ESC + ESC), ("ESC ESC [A", ESC + CSI + b"A"), ("CSI ESC", CSI + ESC),
    ("tilde 0", CSI + b"0~"), ("tilde 99", CSI + b"99~"), ("CSI 1;99A", CSI + b"1;99A"),
    ("SS3 x", SS3 + b"x"), ("ESC [[A (linux F1)", CSI + b"[A"), ("ESC O 5 P", SS3 + b"5P"),
]

FOREIGN = [
    ("X10 mouse", CSI + b"M !!"), ("SGR mouse press", CSI + b"<0;10;5M"), ("SGR mouse release", CSI + b"<0;10;5m"),
    ("SGR wheel", CSI + b"<64;3;3M"), ("focus in", CSI + b"I"), ("focus out", CSI + b"O"),
    ("paste start", CSI + b"200~"), ("paste end", CSI + b"201~"),
    ("bracketed paste", CSI + b"200~pasted text" + CSI + b"201~"),
    ("OSC title BEL", ESC + b"]2;fuzz-title\x07"), ("OSC title ST", ESC + b"]0;fuzz-title" + ESC + b"\\"),
    ("OSC 52 clipboard", ESC + b"]52;c;ZnV6eg==\x07"), ("OSC cut", ESC + b"]2;no end"),
    ("DCS", ESC + b"P+q544e" + ESC + b"\\"), ("DCS cut", ESC + b"Pq#0;2;0;0;0"),
    ("DECSET 1049", CSI + b"?1049h"), ("DECRST 25", CSI + b"?25l"), ("RIS", ESC + b"c"),
    ("ED", CSI + b"2J"), ("SGR", CSI + b"1;31;5m"), ("cursor report", CSI + b"12;40R"),
    ("DA reply", CSI + b"?62;22c"), ("APC", ESC + b"_apc" + ESC + b"\\"),
]

UTF8 = ["é", "ß", "ñ", "Ж", "中", "文", "한", "€", "😀", "🚀", "🫠", "👨\u200d👩\u200d👧", "☕", "⌚",
        "e\u0301", "\u0301", "\u0300\u0301\u0302", "\u05d0", "שלום", "مرحبا", "\u202e", "\u2066", "\u200f",
        "\u200d", "\ufeff", "\u2028", "\u00ad", "\u0085", "\u009b", "\u00a0", "\uff21", "\U0010fffd", "\ufffd"]

INVALID_UTF8 = [
    ("continuation", b"\x80"), ("continuations", b"\xbf\xbf"), ("cut 2-byte", b"\xc3"),
    ("cut 3-byte", b"\xe2\x82"), ("cut 4-byte", b"\xf0\x9f\x98"), ("overlong /", b"\xc0\xaf"),
    ("overlong NUL", b"\xc0\x80"), ("surrogate", b"\xed\xa0\x80"), ("above U+10FFFF", b"\xf4\x90\x80\x80"),
    ("FE", b"\xfe"), ("FF", b"\xff"), ("C1 CSI byte", b"\x9b2J"), ("lead then ASCII", b"\xe2a"),
]

VALUES = ["radio.example.org", "libretime.example.org", "admin@example.org", "localhost:8080",
          "127.0.0.1:8080", "8443", "8000", "https://acme.example.org/directory"]

PRINTABLE = "".join(chr(c) for c in range(0x20, 0x7F) if chr(c) not in "q?")


def control(rng):
    """A control character; Ctrl-C and Ctrl-Q (stop a step, quit) are rare."""
    if rng.random() < 0.04:
        return ("Ctrl-Q", b"\x11")
    if rng.random() < 0.06:
        return ("Ctrl-C", b"\x03")
    code = rng.choice([c for c in range(0x00, 0x20) if c not in (0x03, 0x11, 0x1b)])
    name = "NUL" if code == 0 else "Ctrl-" + chr(code + 0x40)
    return (name, bytes([code]))


def key(rng):
    """One key event: (label, bytes)."""
    kinds = [
        ("printable", 28), ("q", 0.4), ("?", 1), ("named", 24), ("function", 6), ("escape", 3),
        ("alt", 1.5), ("malformed", 5), ("foreign", 3), ("utf8", 6), ("invalid", 3), ("control", 5),
        ("paste", 2), ("value", 1),
    ]
    kind = rng.choices([k for k, _ in kinds], [w for _, w in kinds])[0]
    if kind == "printable":
        c = rng.choice(PRINTABLE)
        return (repr(c), c.encode())
    if kind in ("q", "?"):
        return (kind, kind.encode())
    if kind == "named":
        name, sequence = rng.choices(NAMED, [NAMED_WEIGHTS.get(n, 1) for n, _ in NAMED])[0]
        return (name, sequence)
    if kind == "function":
        if rng.random() < 0.3:
            return ("F1", SS3 + b"P")
        name, sequence = rng.choice(FUNCTION)
        if rng.random() < 0.2:
            modifier = rng.randint(2, 8)
            if sequence.startswith(SS3):
                return ("%s mod %d" % (name, modifier), CSI + b"1;%d" % modifier + sequence[2:])
            return ("%s mod %d" % (name, modifier), sequence[:-1] + b";%d~" % modifier)
        return (name, sequence)
    if kind == "escape":
        return ("Esc", ESC)
    if kind == "alt":
        c = rng.choice(PRINTABLE + "q")
        return ("Alt-" + c, ESC + c.encode())
    if kind == "malformed":
        return rng.choice(MALFORMED)
    if kind == "foreign":
        return rng.choice(FOREIGN)
    if kind == "utf8":
        text = rng.choice(UTF8)
        return ("utf8 " + ascii(text), text.encode())
    if kind == "invalid":
        name, data = rng.choice(INVALID_UTF8)
        return ("bad utf8 " + name, data)
    if kind == "control":
        return control(rng)
    if kind == "paste":
        text = "".join(rng.choice(PRINTABLE) for _ in range(rng.randint(5, 60)))
        if rng.random() < 0.1:
            at = rng.randrange(len(text))
            text = text[:at] + rng.choice("q?") + text[at + 1:]
        return ("paste %d" % len(text), text.encode())
    text = rng.choice(VALUES)
    return ("value " + text, text.encode())


def resize(rng):
    """A new size: 80x24 again, larger, smaller, or extreme."""
    roll = rng.random()
    if roll < 0.3:
        return (80, 24)
    if roll < 0.6:
        return (rng.randint(80, 220), rng.randint(24, 70))
    if roll < 0.9:
        return (rng.randint(10, 79), rng.randint(3, 23))
    return rng.choice([(1, 1), (2, 1), (80, 1), (1, 24), (300, 100), (79, 24), (80, 23)])


def main():
    seed, keys = int(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    out = sys.stdout
    for _ in range(keys):
        if rng.random() < 0.025:
            columns, rows = resize(rng)
            out.write("resize %d %d\n" % (columns, rows))
        label, data = key(rng)
        # The label is for the log: printable ASCII, no spaces.
        label = "".join(c if 0x21 <= ord(c) < 0x7F else "_" for c in label)
        out.write("key %s %s\n" % (",".join("%02x" % b for b in data), label))


if __name__ == "__main__":
    main()
