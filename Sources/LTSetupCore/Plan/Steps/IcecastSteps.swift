/// The guide's "Securing the Icecast output streams": the certificate bundle, the TLS socket
/// and the restart. With https (always, as the answers go), the restart is the renewal
/// hook's first run, installed right after the socket: it rebuilds the bundle and restarts
/// Icecast, so a fresh run restarts Icecast once.
extension PlanBuilder {
    var icecastInstalled: Bool { files.contents(of: ServerPaths.icecastConfig) != nil }

    func icecastSteps() throws(PlanError) -> [Step] {
        guard answers.secureIcecast else { return [] }
        guard let xml = files.contents(of: ServerPaths.icecastConfig) else {
            let reason = "Icecast is not installed here (\(ServerPaths.icecastConfig) is missing): install icecast2, or set secure_icecast: false."
            return [icecastTLSStep(actions: [], done: .all([]), status: .skipped(reason))]
        }
        try refuseUnsupportedIcecast()
        let edited: String
        switch IcecastConfigEdit.enableTLS(in: xml, port: answers.icecastPort, certificatePath: ServerPaths.icecastBundle) {
        case .success(let text): edited = text
        case .failure(let error): throw PlanError("\(ServerPaths.icecastConfig): \(error.message)")
        }
        let sources = [paths.fullchain, paths.privateKey]
        // The bundle holds the private key: readable by root and Icecast's group only.
        let bundle = FileAssembly(path: ServerPaths.icecastBundle, sources: sources,
                                  permissions: FilePermissions(owner: "root", group: "icecast", mode: 0o640))
        var actions: [Action] = [.assemble(bundle)]
        let write = FileWrite(path: ServerPaths.icecastConfig, content: edited, permissions: nil, previous: .file(xml))
        if write.change != .unchanged { actions.append(.write(write)) }
        let done = DoneCheck.all([
            .concatenation(path: ServerPaths.icecastBundle, sources: sources),
            .content(path: ServerPaths.icecastConfig, equals: edited),
        ])
        let tls = icecastTLSStep(actions: actions, done: done, status: .toDo)
        return answers.https ? [tls] + (try renewalHookSteps()) : [tls, icecastRestartStep(status: .toDo)]
    }

    /// Icecast 2.5 has another TLS syntax and would silently ignore the 2.4 one.
    func refuseUnsupportedIcecast() throws(PlanError) {
        guard let version = packages.versions["icecast2"] else { return }
        let numbers = version.split(whereSeparator: { !$0.isNumber }).prefix(2).compactMap { Int($0) }
        if numbers.count == 2, numbers[0] > 2 || (numbers[0] == 2 && numbers[1] >= 5) {
            throw PlanError("icecast2 \(version) is installed; lt-setup knows Icecast 2.4's TLS settings only, and 2.5 would ignore them. Set secure_icecast: false and follow Icecast's own documentation for TLS.")
        }
    }

    func icecastTLSStep(actions: [Action], done: DoneCheck, status: PlannedStatus) -> Step {
        Step(
            id: .icecastTLS,
            title: "Enable Icecast's TLS socket on port \(answers.icecastPort)",
            guideSection: "Securing the Icecast output streams",
            explanation: "Browsers block an http stream on an https page; Icecast serves the same certificate on its own port.",
            actions: actions,
            doneWhen: done,
            status: status)
    }

    func icecastRestartStep(status: PlannedStatus) -> Step {
        Step(
            id: .restartIcecast,
            title: "Restart Icecast",
            guideSection: "Securing the Icecast output streams",
            explanation: "Icecast reads its certificate only when it starts.",
            actions: [restart("icecast2")],
            doneWhen: .unchangedSteps([.icecastTLS]),
            status: status)
    }
}
