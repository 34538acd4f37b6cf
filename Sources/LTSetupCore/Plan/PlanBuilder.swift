/// Turns validated answers and a read-only view of the server into the ordered plan of the
/// guide. Pure: the same answers and files always give the same plan.
public struct PlanBuilder: Sendable {
    public let answers: Answers
    public let files: ServerFiles
    let paths: ServerPaths
    let services: ServiceManager
    let packages: InstalledPackages

    public init(answers: Answers, files: ServerFiles) {
        self.answers = answers
        self.files = files
        paths = ServerPaths(proxy: answers.proxy, domain: answers.domain)
        services = ServiceManagers.detect(files)
        packages = InstalledPackages(files)
    }

    /// Builds the plan, with each step's status against the current files. A file the plan
    /// reads that cannot be read (permissions, not text) is an error that names it: the
    /// plan is refused rather than made as if the file were missing.
    public static func build(_ answers: Answers, on files: ServerFiles) throws(PlanError) -> Plan {
        let watched = WatchedServerFiles(files)
        let plan: Plan
        do {
            plan = try PlanBuilder(answers: answers, files: watched).build()
        } catch {
            // A step that found "nothing there" may have failed for want of that file.
            if let (path, reason) = watched.firstUnreadable { throw .unreadable(path, reason: reason) }
            throw error
        }
        if let (path, reason) = watched.firstUnreadable { throw .unreadable(path, reason: reason) }
        return plan
    }

    public func build() throws(PlanError) -> Plan {
        var steps = try proxySteps()
        if answers.https { steps.append(try certificateStep()) }
        steps += try icecastSteps()
        steps += try libretimeSteps()
        if answers.https { steps.append(renewalDryRunStep()) }
        return Plan(answers: answers, steps: Self.resolveStatuses(steps, on: files),
                    notes: notes(), serviceManagerName: services.name)
    }

    /// Marks each step already done or to do, in order: a step that depends on earlier
    /// changes (a restart) is to do when one of them is, and so is a step whose check reads
    /// a file that an earlier step will rewrite (what is on disk now says nothing of it then).
    static func resolveStatuses(_ steps: [Step], on files: ServerFiles) -> [Step] {
        var changed: Set<StepID> = []
        var rewritten: Set<String> = []
        return steps.map { step in
            var step = step
            if case .skipped = step.status { return step }
            if step.doneWhen.paths.allSatisfy({ !rewritten.contains($0) }),
               step.doneWhen.holds(on: files, changed: changed) {
                step.status = .alreadyDone
            } else {
                step.status = .toDo
                changed.insert(step.id)
                rewritten.formUnion(step.actions.flatMap(\.changedPaths))
            }
            return step
        }
    }

    func notes() -> [String] {
        var notes: [String] = []
        if let site = files.contents(of: ServerPaths.libretimeNginxSite),
           let port = LibreTimeSite.listenPort(in: site), !LibreTimeSite.openListens(in: site).isEmpty {
            notes.append("LibreTime's own site (\(ServerPaths.libretimeNginxSite)) listens on port \(port) on every interface, so it stays reachable in plain http past the proxy. lt-setup does not edit that file (LibreTime's installer owns it and writes it again at each upgrade): close port \(port) to the outside in a firewall (with an active ufw: sudo ufw deny \(port)/tcp).")
        }
        if services is InitScriptServices {
            notes.append("systemd is not running here (no /run/systemd/system): services are restarted with `service NAME restart`.")
        }
        return notes
    }

    /// A restart through this server's service manager.
    func restart(_ service: String) -> Action {
        .restart(service: service, command: .restart(service, using: services))
    }

    /// The ACME server options for a certbot call; a dry run against Let's Encrypt's
    /// production server goes to its staging server by certbot's own rule, so it gets none.
    func serverArguments(dryRun: Bool) -> [String] {
        if dryRun && answers.acmeServer == .letsEncrypt { return [] }
        return ["--server", answers.acmeServer.directoryURL]
    }

    /// Renders a built-in template; a failure is a bug in lt-setup, reported before anything
    /// is written.
    func render(_ template: String, _ values: [String: String]) throws(PlanError) -> String {
        do {
            return try Templates.render(template, values)
        } catch {
            throw PlanError("lt-setup's built-in template is broken (\(error)); please report this bug")
        }
    }
}
