/// LibreTime's `config.yml`: its public URL, and its Icecast outputs' public URLs.
extension PlanBuilder {
    func libretimeSteps() throws(PlanError) -> [Step] {
        let path = ServerPaths.libretimeConfig
        guard let yaml = files.contents(of: path) else {
            let reason = "LibreTime's configuration \(path) is missing: is LibreTime installed on this server? Once it is, run lt-setup again."
            return [libretimeConfigStep(actions: [], done: .all([]), status: .skipped(reason)),
                    libretimeRestartStep(status: .skipped(reason))]
        }
        let scheme = answers.https ? "https" : "http"
        let streams = answers.secureIcecast && icecastInstalled
            ? "https://\(answers.domain):\(answers.icecastPort)" : nil
        let edited: String
        switch LibreTimeConfigEdit.setPublicURLs(in: yaml, siteURL: "\(scheme)://\(answers.domain)", icecastStreamBase: streams) {
        case .success(let text): edited = text
        case .failure(let error): throw PlanError("\(path): \(error.message)")
        }
        let write = FileWrite(path: path, content: edited, permissions: nil, previous: .file(yaml))
        let restartStatus: PlannedStatus = services.canManage(LibreTimeService.target) ? .toDo
            : .skipped("LibreTime's services run under systemd, which is not running here: restart LibreTime yourself so that it reads its new public_url.")
        return [
            libretimeConfigStep(actions: write.change == .unchanged ? [] : [.write(write)],
                                done: .content(path: path, equals: edited), status: .toDo),
            libretimeRestartStep(status: restartStatus),
        ]
    }

    func libretimeConfigStep(actions: [Action], done: DoneCheck, status: PlannedStatus) -> Step {
        Step(
            id: .libretimeConfig,
            title: "Set LibreTime's public URLs to \(answers.https ? "https" : "http")://\(answers.domain)",
            guideSection: "Securing the Icecast output streams (LibreTime configuration)",
            explanation: "LibreTime refuses logins from an origin other than its public_url, and its services reach the API through it.",
            actions: actions,
            doneWhen: done,
            status: status)
    }

    func libretimeRestartStep(status: PlannedStatus) -> Step {
        Step(
            id: .restartLibretime,
            title: "Restart LibreTime",
            guideSection: "Securing the Icecast output streams (LibreTime configuration)",
            explanation: "LibreTime reads its configuration only when it starts.",
            actions: [restart(LibreTimeService.target)],
            doneWhen: .unchangedSteps([.libretimeConfig]),
            status: status)
    }
}
