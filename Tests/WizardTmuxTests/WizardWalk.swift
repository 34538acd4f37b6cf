import TmuxTestSupport

/// The first screens of the wizard under tmux, walked as an operator does.
enum WizardWalk {
    /// Welcome, nginx, then `domain` typed on the Details screen; the focus stays on it.
    static func toDetails(_ session: TmuxSession, typing domain: String) throws {
        let timeout = WizardGoldenTests.timeout
        try session.waitForAll("1/7 Welcome", "Enter start", timeout: timeout)
        try session.sendKeys("Enter")
        try session.waitForAll("2/7", "nginx", timeout: timeout)
        try session.sendKeys("Enter")
        try session.waitForAll("3/7 Details", "Domain", timeout: timeout)
        try session.type(domain)
        try session.waitFor("[\(domain)", timeout: timeout)
    }
}
