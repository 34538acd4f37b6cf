import LTSetupTerminal
import LTSetupUI
import Testing

@Suite struct TerminalCapabilitiesTests {
    func detect(_ environment: [String: String], input: Bool = true, output: Bool = true) -> TerminalCapabilities {
        TerminalCapabilities.detect(environment: environment, inputIsTerminal: input, outputIsTerminal: output)
    }

    @Test func plainModeReasons() {
        #expect(detect(["TERM": "xterm"]).plainReason == nil)
        #expect(detect(["TERM": "xterm"], input: false).plainReason == .inputNotATerminal)
        #expect(detect(["TERM": "xterm"], output: false).plainReason == .outputNotATerminal)
        #expect(detect([:]).plainReason == .noTerminalType)
        #expect(detect(["TERM": ""]).plainReason == .noTerminalType)
        #expect(detect(["TERM": "dumb"]).plainReason == .dumbTerminal)
        #expect(detect(["TERM": "dumb"]).plainMode)
    }

    @Test func terminalTypesTryTermThenFallbacks() {
        #expect(detect(["TERM": "xterm-kitty"]).terminalTypes == ["xterm-kitty", "xterm-256color", "vt100"])
        #expect(detect(["TERM": "xterm-256color"]).terminalTypes == ["xterm-256color", "vt100"])
        #expect(detect(["TERM": "vt100"]).terminalTypes == ["vt100", "xterm-256color"])
    }

    @Test func noColorMustBeSetAndNotEmpty() {
        #expect(detect(["TERM": "xterm"]).colorAllowed)
        #expect(!detect(["TERM": "xterm", "NO_COLOR": "1"]).colorAllowed)
        #expect(!detect(["TERM": "xterm", "NO_COLOR": "0"]).colorAllowed)
        #expect(detect(["TERM": "xterm", "NO_COLOR": ""]).colorAllowed)
    }

    @Test func utf8WantedByLocalePrecedence() {
        #expect(detect(["LANG": "en_US.UTF-8"]).wantsUTF8)
        #expect(detect(["LANG": "de_DE.utf8"]).wantsUTF8)
        #expect(!detect(["LANG": "C"]).wantsUTF8)
        #expect(!detect([:]).wantsUTF8)
        #expect(detect(["LANG": "C", "LC_CTYPE": "C.UTF-8"]).wantsUTF8)
        #expect(!detect(["LANG": "en_US.UTF-8", "LC_ALL": "C"]).wantsUTF8)
        #expect(!detect(["LANG": "en_US.UTF-8", "LC_CTYPE": "POSIX"]).wantsUTF8)
        #expect(detect(["LANG": "en_US.UTF-8", "LC_ALL": ""]).wantsUTF8)
    }

    @Test func localeFallbackOnlyWhenUtf8IsWantedAndMissing() {
        let wanted = detect(["LANG": "en_US.UTF-8"])
        #expect(wanted.localeFallback(afterCodeset: "ANSI_X3.4-1968") == "C.UTF-8")
        #expect(wanted.localeFallback(afterCodeset: "UTF-8") == nil)
        #expect(detect(["LANG": "C"]).localeFallback(afterCodeset: "ANSI_X3.4-1968") == nil)
    }

    @Test func glyphsFollowTheFinalCodeset() {
        var capabilities = detect(["TERM": "xterm", "LANG": "en_US.UTF-8"])
        #expect(capabilities.glyphs == .ascii)
        capabilities.adoptLocale(codeset: "UTF-8")
        #expect(capabilities.glyphs == .unicode)
        capabilities.adoptLocale(codeset: "ISO-8859-1")
        #expect(capabilities.glyphs == .ascii)
    }

    @Test func colourNeedsPermissionAndEightColours() {
        var capabilities = detect(["TERM": "xterm"])
        capabilities.adoptTerminal(hasColors: true, colors: 256)
        #expect(capabilities.color)
        capabilities.adoptTerminal(hasColors: true, colors: 2)
        #expect(!capabilities.color)
        capabilities.adoptTerminal(hasColors: false, colors: 0)
        #expect(!capabilities.color)
        var monochrome = detect(["TERM": "xterm", "NO_COLOR": "yes"])
        monochrome.adoptTerminal(hasColors: true, colors: 256)
        #expect(!monochrome.color)
    }

    @Test func everyRoleButNormalHasItsOwnPair() {
        let roles: [Role] = [.normal, .title, .accent, .success, .failure, .warning, .muted, .added, .removed]
        let pairs = roles.map(RolePalette.pair(for:))
        #expect(pairs[0] == 0)
        #expect(Set(pairs).count == roles.count)
        #expect(RolePalette.foreground(for: .muted, colors: 8) == -1)
        #expect(RolePalette.foreground(for: .muted, colors: 256) == 8)
    }
}
