import LTSetupCore
import LTSetupUI

/// Every golden screen in `screens/`, as the keys and program reports that lead to it. The
/// renderer's tests compare `render()` with the file; the tmux tests send the same keys to
/// the real binary (running against the same fixture files) and compare the same file.
public enum GoldenScenarios {
    /// Every scenario, one per file in `screens/`.
    public static var all: [GoldenScenario] {
        let plan = ScenarioFixtures.plan
        return [
            GoldenScenario("welcome-fresh", setup: setup(), steps: []),
            GoldenScenario("welcome-fresh", setup: setup(120, 40), steps: []),
            GoldenScenario("welcome-resume", setup: setup(resumable: resumable), steps: []),
            GoldenScenario("welcome-finishing", setup: setup(resumable: finishing), steps: []),
            GoldenScenario("welcome-draft", setup: setup(draft: ScenarioFixtures.draft), steps: []),
            GoldenScenario("proxy-nginx", setup: setup(), steps: toProxy),
            GoldenScenario("proxy-apache", setup: setup(), steps: toProxy + [.key(.down)]),
            GoldenScenario("details-empty", setup: setup(), steps: toDetails),
            GoldenScenario("details-empty-ascii", setup: setup(glyphs: .ascii), steps: toDetails),
            GoldenScenario("details-invalid-domain", setup: setup(), steps: invalidDomain),
            GoldenScenario("details-invalid-domain", setup: setup(120, 40), steps: invalidDomain),
            GoldenScenario("details-filled", setup: setup(), steps: filled),
            GoldenScenario("help-details", setup: setup(), steps: toDetails + [.key(.function(1))]),
            GoldenScenario("preflight-ok", setup: setup(), steps: toPreflight + [.program(.preflightReady(ScenarioFixtures.preflightOK))]),
            GoldenScenario("preflight-blocked", setup: setup(), steps: toPreflight + [.program(.preflightReady(ScenarioFixtures.preflightBlocked))]),
            GoldenScenario("preview-files", setup: setup(), steps: toPreview),
            GoldenScenario("preview-diff", setup: setup(), steps: toPreview + toFile(ServerPaths.icecastConfig, plan)),
            GoldenScenario("preview-diff", setup: setup(120, 40), steps: toPreview + toFile(ServerPaths.icecastConfig, plan)),
            GoldenScenario("preview-steps", setup: setup(), steps: toPreview + [.key(.tab)]),
            GoldenScenario("run-pending", setup: setup(), steps: toRun),
            GoldenScenario("run-running", setup: setup(), steps: running(plan)),
            GoldenScenario("run-running", setup: setup(120, 40), steps: running(plan)),
            GoldenScenario("run-failed", setup: setup(), steps: failed(plan)),
            GoldenScenario("run-failed-ascii", setup: setup(glyphs: .ascii), steps: failed(plan)),
            GoldenScenario("run-log", setup: setup(), steps: failed(plan) + [.key(.character("l"))]),
            GoldenScenario("run-skip-confirm", setup: setup(), steps: failed(plan) + [.key(.character("s"))]),
            GoldenScenario("quit-confirm", setup: setup(), steps: running(plan) + [.key(.character("q"))]),
            GoldenScenario("done", setup: setup(), steps: done(plan)),
            GoldenScenario("done", setup: setup(120, 40), steps: done(plan)),
            GoldenScenario("done-verified", setup: setup(), steps: done(plan) + [.program(.verificationReady(ScenarioFixtures.verified))]),
            GoldenScenario("too-small", setup: setup(60, 20), steps: []),
        ]
    }

    /// The scenario named `name` (`run-failed-80x24`), if there is one.
    public static func named(_ name: String) -> GoldenScenario? {
        all.first { $0.name == name }
    }

    public static func setup(_ columns: Int = 80, _ rows: Int = 24, glyphs: Glyphs = .unicode,
                      resumable: ResumableSession? = nil, draft: ResumableDraft? = nil) -> WizardSetup {
        ScenarioFixtures.setup(columns, rows, glyphs: glyphs, resumable: resumable, draft: draft)
    }

    public static let resumable = ResumableSession(
        id: ScenarioFixtures.sessionID, startedAt: "2026-11-28 16:41 UTC", domain: ScenarioFixtures.domain,
        nextStepTitle: "Get a certificate for \(ScenarioFixtures.domain) and redirect http to https")

    /// The same session while another lt-setup, whose terminal hung up, finishes its step.
    public static let finishing: ResumableSession = {
        var session = resumable
        session.finishing = FinishingRun(pid: 1532, step: "4. Test the nginx configuration and restart nginx")
        return session
    }()

    /// The keys that type `text`.
    public static func typing(_ text: String) -> [ScenarioStep] {
        text.map { .key(.character($0)) }
    }

    public static let toProxy: [ScenarioStep] = [.key(.enter)]
    public static let toDetails: [ScenarioStep] = toProxy + [.key(.enter)]
    public static let invalidDomain: [ScenarioStep] = toDetails + typing("libretime") + [.key(.tab)]

    /// Domain and email typed; the focus on the email field.
    public static let filled: [ScenarioStep] = toDetails + typing(ScenarioFixtures.domain)
        + [.key(.tab), .key(.tab), .key(.tab)] + typing(ScenarioFixtures.email)

    /// The form sent (Enter on the last field) and the plan back from the program: the
    /// preflight screen, checking.
    public static var toPreflight: [ScenarioStep] {
        filled + [.key(.tab), .key(.tab), .key(.tab), .key(.enter), .program(ScenarioFixtures.planReply())]
    }

    /// The preflight passed (with warnings), then Enter.
    public static var toPreview: [ScenarioStep] {
        toPreflight + [.program(.preflightReady(ScenarioFixtures.preflightOK)), .key(.enter)]
    }

    public static var toRun: [ScenarioStep] { toPreview + [.key(.enter)] }

    /// Down to the file at `path` in the preview's list.
    public static func toFile(_ path: String, _ plan: Plan?) -> [ScenarioStep] {
        let files = plan.map(PreviewFile.files) ?? []
        let index = files.firstIndex { $0.path == path } ?? 0
        return Array(repeating: .key(.down), count: index)
    }

    /// Run all: four steps done, the certificate request running for 14 seconds.
    public static func running(_ plan: Plan?) -> [ScenarioStep] {
        guard let plan else { return toRun }
        var steps = toRun + [.key(.enter)] + firstSteps(plan, count: 4, start: 100)
        let certificate = plan.steps[4]
        steps += ScenarioRun.started(certificate, number: 5, of: plan.steps.count, start: 133.2, outputLines: 2)
        return steps + [.program(.tick(seconds: 147.6))]
    }

    /// Run all: the certificate request fails, which ends the run.
    public static func failed(_ plan: Plan?) -> [ScenarioStep] {
        guard let plan else { return toRun }
        return toRun + [.key(.enter)] + firstSteps(plan, count: 4, start: 100)
            + ScenarioRun.step(plan.steps[4], number: 5, of: plan.steps.count, start: 133.2, seconds: 6.8,
                               outcome: ScenarioRun.certificateFailure)
            + [.program(.runEnded)]
    }

    /// Every step done, then Enter for the summary.
    public static func done(_ plan: Plan?) -> [ScenarioStep] {
        guard let plan else { return toRun }
        return toRun + [.key(.enter)] + ScenarioRun.all(plan, start: 100) + [.key(.enter)]
    }

    public static func firstSteps(_ plan: Plan, count: Int, start: Double) -> [ScenarioStep] {
        var time = start
        var steps: [ScenarioStep] = []
        for (index, step) in plan.steps.prefix(count).enumerated() {
            let seconds = ScenarioRun.duration(step.id)
            steps += ScenarioRun.step(step, number: index + 1, of: plan.steps.count, start: time, seconds: seconds)
            time += seconds + 0.1
        }
        return steps
    }
}
