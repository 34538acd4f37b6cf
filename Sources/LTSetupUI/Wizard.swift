/// The wizard as three pure functions of `AppState`, for the program's one loop:
///
/// ```
/// var state = AppState(setup)
/// paint(Wizard.render(state))
/// for action in actions {            // keys, resizes, ticks, run events, effect results
///     for effect in Wizard.update(&state, action) { perform(effect) }
///     paint(Wizard.render(state))
/// }
/// ```
///
/// - `update(&state, action) -> [WizardEffect]` applies what happened and says what to do.
///   A key is looked up in `keyMap(for: state)`; in a text field a printable character no
///   binding takes is typed.
/// - `render(state) -> Screen` draws the frame at `state.size`; below 80×24 it draws only
///   the "terminal too small" message.
/// - `keyMap(for: state) -> [KeyBinding]` is the footer, the help box and the key lookup.
///
/// Quitting: `q` quits outside text fields and Ctrl-Q everywhere; in a text field `q` and
/// `?` are text, so the footer shows `^Q quit` and `F1 help` there. Esc always goes back a
/// screen (from the details form too: every answer is saved as it is given, nothing is
/// lost). While a step runs, quitting asks first.
public enum Wizard {}
