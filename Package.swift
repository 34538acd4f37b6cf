// swift-tools-version:6.1
// 6.1 is needed for the build-tool plugin that embeds Resources/templates into the binary
// (it reads `context.package.directoryURL`).
import PackageDescription

let package = Package(
    name: "lt-setup",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "lt-setup", targets: ["lt-setup"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // The pure core: answers -> plan. No I/O, no Foundation, no dependencies.
        .target(
            name: "LTSetupCore",
            plugins: [.plugin(name: "EmbedTemplates")]
        ),
        // Everything that touches the machine: files under a root, processes, the answers file.
        .target(
            name: "LTSetupRuntime",
            dependencies: ["LTSetupCore", .product(name: "Yams", package: "Yams")]
        ),
        // The application layer, between Runtime/UI and the commands: the session's lifecycle,
        // the detached runner and the front ends' link to it, the checks around a run, and
        // the wizard's loop (which talks to a `WizardTerminal`). Unit-tested without a
        // terminal or root.
        .target(
            name: "LTSetupApp",
            dependencies: ["LTSetupCore", "LTSetupRuntime", "LTSetupUI"]
        ),
        // The wizard as pure functions: state, update(state, action) -> effects, render(state) -> Screen.
        .target(
            name: "LTSetupUI",
            dependencies: ["LTSetupCore"]
        ),
        // The only module that talks to ncurses: paints a Screen, reads keys.
        .target(
            name: "LTSetupTerminal",
            dependencies: ["LTSetupUI", "CNcursesw"]
        ),
        // ncursesw with NCURSES_WIDECHAR, plus shims for what Swift 6 cannot import safely.
        .target(
            name: "CNcursesw",
            linkerSettings: [.linkedLibrary("ncursesw")]
        ),
        .executableTarget(
            name: "lt-setup",
            dependencies: [
                "LTSetupCore", "LTSetupRuntime", "LTSetupApp", "LTSetupUI", "LTSetupTerminal", "CNcursesw",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Exercises LTSetupTerminal under tmux: the painter, key decoding, resizes, restores;
        // `--show FILE` paints a golden screen for the tmux golden tests, `--flood` is for bench/.
        .executableTarget(
            name: "terminal-demo",
            dependencies: ["LTSetupTerminal", "LTSetupUI"],
            path: "Sources/terminal-demo"
        ),
        // Test-only: the golden screens' scenarios (setup, keys, reports) and the fixture server
        // they are made on, shared by the screen tests, the tmux tests and wizard-replay.
        .target(
            name: "GoldenScenarios",
            dependencies: ["LTSetupUI", "LTSetupCore"],
            path: "Tests/GoldenScenarios"
        ),
        // Test-only: every value the answers' validator must refuse, per answer, for the
        // validator's tests and the wizard's typing tests alike.
        .target(
            name: "RefusedAnswers",
            dependencies: ["LTSetupCore"],
            path: "Tests/RefusedAnswers"
        ),
        // Test-only: the wizard's loop replaying a golden scenario (`wizard-replay NAME`), for
        // the tmux golden tests; it stays out of the shipped binary.
        .executableTarget(
            name: "wizard-replay",
            dependencies: ["LTSetupApp", "LTSetupTerminal", "LTSetupUI", "LTSetupCore", "LTSetupRuntime", "GoldenScenarios"],
            path: "Tests/WizardReplay"
        ),
        // Build-time only: turns Resources/templates/* into a Swift source of string constants.
        .executableTarget(name: "TemplateEmbedder"),
        .plugin(
            name: "EmbedTemplates",
            capability: .buildTool(),
            dependencies: ["TemplateEmbedder"]
        ),
        // Throughput and memory of the process runner; run through bench/process-reader.sh.
        .executableTarget(
            name: "bench-process-reader",
            dependencies: ["LTSetupRuntime"],
            path: "bench/process-reader"
        ),
        // Key → screen latency of terminal-demo under tmux; run through bench/key-latency.sh.
        .executableTarget(
            name: "bench-key-latency",
            path: "bench/key-latency"
        ),
        .testTarget(
            name: "LTSetupCoreTests",
            dependencies: ["LTSetupCore", "RefusedAnswers", .product(name: "Yams", package: "Yams")]
        ),
        // The generated site files against the real nginx and apache2 (installed by .ci/run).
        .testTarget(
            name: "GeneratedConfigTests",
            dependencies: ["LTSetupCore"]
        ),
        // The lt-setup binary, run as an operator runs it.
        .testTarget(
            name: "LTSetupCLITests",
            dependencies: ["lt-setup"]
        ),
        // A program driven through tmux like an operator's terminal: keys in, screen text out.
        // Shared by the tests of terminal-demo and of the wizard.
        .target(
            name: "TmuxTestSupport",
            path: "Tests/TmuxTestSupport"
        ),
        // The terminal layer: pure decisions, and terminal-demo driven through tmux.
        .testTarget(
            name: "LTSetupTerminalTests",
            dependencies: ["LTSetupTerminal", "LTSetupUI", "CNcursesw", "TmuxTestSupport", "terminal-demo"],
            // Golden screens, read through #filePath.
            exclude: ["Fixtures"]
        ),
        // The real lt-setup wizard under tmux: the golden screens it can reach by itself, on
        // the scenarios' fixture server written to disk.
        .testTarget(
            name: "WizardTmuxTests",
            dependencies: ["TmuxTestSupport", "LTSetupUI", "LTSetupCore", "LTSetupRuntime", "GoldenScenarios", "lt-setup", "wizard-replay"]
        ),
        .testTarget(
            name: "LTSetupAppTests",
            dependencies: ["LTSetupApp", "LTSetupRuntime", "LTSetupCore"]
        ),
        .testTarget(
            name: "LTSetupUITests",
            dependencies: ["LTSetupUI", "LTSetupCore", "GoldenScenarios", "RefusedAnswers"]
        ),
        .testTarget(
            name: "LTSetupRuntimeTests",
            dependencies: ["LTSetupRuntime", "LTSetupCore"],
            // Read through #filePath: session files of every shipped format.
            exclude: ["Fixtures"]
        ),
    ]
)
