import ArgumentParser
import LTSetupCore
import LTSetupRuntime

/// `lt-setup render`: the files the plan would write, into a preview folder.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Write every file lt-setup would create or change into a preview folder. Changes nothing else.",
        discussion: """
            Each file goes to the preview folder followed by its path on the server, e.g. \
            OUT/etc/nginx/sites-available/DOMAIN.conf. Compare with the server's files, e.g. \
            `diff -ru /etc/icecast2 OUT/etc/icecast2`. Files that would not change are listed \
            but not written; steps that do not apply (no LibreTime config, say) are reported.

            The previews are whole files, with the passwords of icecast.xml and config.yml, \
            so every folder render creates is 0700 and every file 0600. The owner and mode \
            each file gets on the server are shown by `lt-setup plan`.

            \(HelpText.examples([
                "lt-setup render --answers answers.yml --out /root/lt-setup-preview",
                "lt-setup render --answers answers.yml --root /tmp/server-copy --out preview",
            ]))

            \(HelpText.exitStatus(success: "when the previews were written",
                                  failure: "when the plan cannot be made or a preview cannot be written"))
            """
    )

    @OptionGroup var inputs: PlanInputs

    @Option(name: .long, help: ArgumentHelp("The preview folder to write into.", valueName: "dir"),
            transform: OperatorPath.absolute)
    var out: String

    func run() throws {
        let plan = try inputs.plan()
        let output: RenderedFiles
        do {
            output = try RenderedFiles(outputRoot: out)
        } catch {
            CommandOutput.error("cannot use \(out) for the previews: \(error.reason)")
            throw ExitCode(1)
        }
        print("Previews are readable by you only (files 0600, new folders 0700): the modes")
        print("on the server differ, and `lt-setup plan` shows them.")
        for step in plan.steps {
            if case .skipped(let reason) = step.status {
                print("skipped  \(step.id.rawValue): \(reason)")
                continue
            }
            for write in step.writes {
                guard step.status == .toDo, write.change != .unchanged else {
                    print("same     \(write.path) (already as planned, not written)")
                    continue
                }
                do {
                    let location = try output.write(write)
                    print("\(write.change.rawValue.padding(8)) \(write.path) -> \(location)")
                } catch {
                    CommandOutput.error("cannot write the preview: \(error)")
                    throw ExitCode(1)
                }
            }
            for case .assemble(let assembly) in step.actions {
                print("built    \(assembly.path): made at run time from \(assembly.sources.joined(separator: " + ")), not previewed (it holds the private key)")
            }
        }
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
