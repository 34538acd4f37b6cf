import LTSetupCore
import LTSetupRuntime
import LTSetupUI

/// What the wizard's loop asks of whatever carries out its effects: the live
/// `WizardSession` (session file, plan, run, clock), or the golden tests' replay, which
/// answers with a golden scenario's reports so that the real loop can be compared with `screens/`.
public protocol WizardBackend: AnyObject {
    /// True while a step runs or more are due: the loop then wakes at least every 100 ms.
    var isRunning: Bool { get }
    /// What the loop's poll waits on besides keys and signals: the running step's output,
    /// the wake-up of checks running in the background.
    var waitDescriptors: [Int32] { get }
    /// How long the loop may sleep while a run is on, in milliseconds.
    var pollTimeout: Int32 { get }
    /// How long poll may sleep while no run is on: -1 (until something happens), or a
    /// period while something outside is awaited (another lt-setup finishing its step).
    var idlePollTimeout: Int32 { get }

    /// What the first frame needs, for a terminal of this size and glyphs.
    func setup(size: Size, glyphs: Glyphs) -> WizardSetup
    /// Carries out one effect; returns what it reports back.
    func perform(_ effect: WizardEffect) -> [WizardAction]
    /// Reports due on this turn of the loop (`readable`: which of `waitDescriptors` poll
    /// found readable): checks finished, the running step's output, steps started and ended,
    /// and the clock while a run is on.
    func service(readable: Set<Int32>) -> [WizardAction]
    /// Reports that follow a key, besides the replies to the effects it asked for.
    func reports(afterKey key: Key) -> [WizardAction]
    /// No new step starts; with `cancel`, the running one is stopped too. `cause` is kept
    /// in the session as why the run stopped.
    func stopAfterCurrentStep(cancel: Bool, because cause: StopCause)
    /// A step's full log on disk, if there is one.
    func logPath(of id: StepID) -> String?
    /// A session's summary log.
    func summaryPath(of session: String) -> String?
}
