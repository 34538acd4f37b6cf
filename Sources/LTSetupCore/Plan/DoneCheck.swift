/// How to tell, from the server's files, that a step has nothing left to do.
public indirect enum DoneCheck: Sendable, Equatable {
    case packagesInstalled([String])
    case content(path: String, equals: String)
    case contains(path: String, [String])
    case missing(path: String)
    case symlink(path: String, target: String)
    /// The file at `path` is the concatenation of `sources`, which all exist.
    case concatenation(path: String, sources: [String])
    case all([DoneCheck])
    case any([DoneCheck])
    /// For steps that only act on what earlier steps changed (a restart): done when none of
    /// those steps changed anything in this session.
    case unchangedSteps([StepID])

    /// Whether the check holds on `files`, given the steps that changed something so far.
    public func holds(on files: ServerFiles, changed: Set<StepID>) -> Bool {
        switch self {
        case .packagesInstalled(let names):
            let installed = InstalledPackages(files)
            return names.allSatisfy(installed.isInstalled)
        case .content(let path, let expected):
            return files.contents(of: path) == expected
        case .contains(let path, let needles):
            guard let text = files.contents(of: path) else { return false }
            return needles.allSatisfy { text.contains($0) }
        case .missing(let path):
            return files.state(of: path) == .missing
        case .symlink(let path, let target):
            return files.state(of: path) == .symlink(target: target)
        case .concatenation(let path, let sources):
            var expected = ""
            for source in sources {
                guard let text = files.contents(of: source) else { return false }
                expected += text
            }
            return files.contents(of: path) == expected
        case .all(let checks):
            return checks.allSatisfy { $0.holds(on: files, changed: changed) }
        case .any(let checks):
            return checks.contains { $0.holds(on: files, changed: changed) }
        case .unchangedSteps(let steps):
            return changed.isDisjoint(with: steps)
        }
    }

    /// Every file the check reads.
    public var paths: [String] {
        switch self {
        case .packagesInstalled: [InstalledPackages.statusPath]
        case .content(let path, _), .contains(let path, _), .missing(let path), .symlink(let path, _): [path]
        case .concatenation(let path, let sources): [path] + sources
        case .all(let checks), .any(let checks): checks.flatMap(\.paths)
        case .unchangedSteps: []
        }
    }
}
