import Foundation
import LTSetupCore
import Testing

/// The site files lt-setup generates, checked by the real servers' own config tests inside a
/// throwaway configuration (never the system one).
@Suite struct SiteFileConfigTests {
    static let answerSets: [Answers] = [
        Answers(domain: "libretime.example.org", email: "admin@example.org"),
        Answers(domain: "radio.example.net", backend: Backend(host: "[::1]", port: 9000), email: "a@example.org"),
        Answers(domain: "xn--rdio-loa.example", backend: Backend(host: "10.1.2.3", port: 80), https: false,
                email: nil, secureIcecast: false),
    ]

    func siteFile(_ answers: Answers) throws -> String {
        let plan = try PlanBuilder.build(answers, on: InMemoryServerFiles())
        let write = try #require(plan.step(.siteFile)?.writes.first)
        #expect(write.path == "\(answers.proxy == .nginx ? "/etc/nginx" : "/etc/apache2")/sites-available/\(answers.domain).conf")
        return write.content
    }

    /// `nginx -t` on a minimal nginx.conf that includes only `site`.
    func nginxTest(_ site: String) throws -> (status: Int32, output: String) {
        let folder = try temporaryFolder("nginx")
        defer { try? FileManager.default.removeItem(at: folder) }
        let sitePath = folder.appendingPathComponent("site.conf").path
        try site.write(toFile: sitePath, atomically: true, encoding: .utf8)
        let config = """
            pid \(folder.path)/nginx.pid;
            error_log \(folder.path)/error.log;
            events {}
            http {
                access_log off;
                include \(sitePath);
            }
            """
        let configPath = folder.appendingPathComponent("nginx.conf").path
        try config.write(toFile: configPath, atomically: true, encoding: .utf8)
        return try runProgram(["nginx", "-t", "-q", "-e", "\(folder.path)/error.log", "-p", folder.path, "-c", configPath])
    }

    /// `apache2 -t` on a minimal configuration that loads the modules lt-setup enables and
    /// includes only `site`.
    func apacheTest(_ site: String) throws -> (status: Int32, output: String) {
        let folder = try temporaryFolder("apache")
        defer { try? FileManager.default.removeItem(at: folder) }
        let sitePath = folder.appendingPathComponent("site.conf").path
        try site.write(toFile: sitePath, atomically: true, encoding: .utf8)
        let modules = ["mpm_event", "authz_core", "proxy", "proxy_http", "headers"]
            .map { "LoadModule \($0)_module /usr/lib/apache2/modules/mod_\($0).so" }
            .joined(separator: "\n")
        let config = """
            ServerName localhost
            DefaultRuntimeDir \(folder.path)
            PidFile \(folder.path)/apache2.pid
            ErrorLog \(folder.path)/error.log
            Mutex file:\(folder.path) default
            Listen 127.0.0.1:18089
            \(modules)
            Include \(sitePath)
            """
        let configPath = folder.appendingPathComponent("apache2.conf").path
        try config.write(toFile: configPath, atomically: true, encoding: .utf8)
        return try runProgram(["apache2", "-t", "-f", configPath])
    }

    @Test(arguments: answerSets)
    func nginxAcceptsTheSiteFile(_ answers: Answers) throws {
        var answers = answers
        answers.proxy = .nginx
        let result = try nginxTest(try siteFile(answers))
        #expect(result.status == 0, "nginx -t said:\n\(result.output)")
    }

    @Test(arguments: answerSets)
    func apacheAcceptsTheSiteFile(_ answers: Answers) throws {
        var answers = answers
        answers.proxy = .apache
        let result = try apacheTest(try siteFile(answers))
        #expect(result.status == 0, "apache2 -t said:\n\(result.output)")
        #expect(result.output.contains("Syntax OK"))
    }

    /// The harness itself must be able to fail: a broken site file is rejected by both.
    @Test func brokenSiteFilesAreRejected() throws {
        let nginxSite = try siteFile(Answers(domain: "a.example.org", email: "a@example.org"))
            .replacingOccurrences(of: "proxy_pass http://localhost:8080/;", with: "proxy_pass http://localhost:8080/")
        #expect(try nginxTest(nginxSite).status != 0)
        let apacheSite = try siteFile(Answers(proxy: .apache, domain: "a.example.org", email: "a@example.org"))
            .replacingOccurrences(of: "</Location>", with: "")
        #expect(try apacheTest(apacheSite).status != 0)
    }
}
