/// What each screen is for, in the help box.
enum HelpText {
    static func paragraphs(for state: AppState) -> [String] {
        switch state.screen {
        case .welcome:
            if state.resumable != nil {
                return ["A previous lt-setup did not finish. Resume carries on where it stopped; steps already done are not done again."]
            }
            if state.draft != nil {
                return ["A previous lt-setup stopped before changing anything. Resume fills in its answers and goes back to where it was; the server is checked again before the preview."]
            }
            return ["lt-setup asks a few questions, shows exactly what it would change, and changes nothing until you start the run."]
        case .proxy:
            return ["The web server answers on ports 80 and 443 and passes requests on to LibreTime. LibreTime's guide recommends nginx."]
        case .details:
            return ["Tab or the arrows move between fields. Each answer is checked when you leave its field and saved at once; Continue checks them all and makes the plan from this server's files."]
        case .preflight:
            return ["lt-setup checks this server for what would make the run fail, which stops you here, and what to know first, which is advice. Nothing has been changed yet. Fix what it says and press r to check again, or Esc to change the answers. If you know better than a failed check, g goes on anyway after asking, as apply --skip-preflight does."]
        case .preview:
            return ["Every file lt-setup would write, with its full content or the changes against the file on disk, and every command it would run. Nothing has been changed yet."]
        case .run:
            if state.run.showsFullLog {
                return ["The last lines of the selected step's output. The full log is on disk; p opens it in a pager."]
            }
            return ["The steps run in order, and the first failure stops the run. The log pane follows the selected step's output; PgUp scrolls back and End follows again."]
        case .done:
            return ["Every step has finished. Backups of every file lt-setup changed are kept; sudo lt-setup undo puts them back."]
        }
    }
}
