import Glibc
import LTSetupCore
@testable import LTSetupRuntime
import Testing

@Suite(.serialized) struct ListenerProbeTests {
    @Test func aListenerIsAttributedToItsProcess() throws {
        let port = LocalServer.freePort()
        let server = try LocalServer(["python3", "-m", "http.server", "--bind", "127.0.0.1", String(port)], port: port)
        defer { server.stop() }
        let listeners = ProcNetListeners().listeners(port: port)
        // The program and user come from the kernel, not from the name the process gave itself.
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/\(server.pid)/exe", &buffer, buffer.count - 1)
        let program = String(decoding: buffer[0..<max(0, length)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        #expect(listeners == [Listener(address: "127.0.0.1", port: port, pid: server.pid, command: "python3",
                                       executable: program, user: Accounts.userName(of: geteuid()))])
    }

    @Test func aFreePortHasNoListener() {
        #expect(ProcNetListeners().listeners(port: LocalServer.freePort()).isEmpty)
    }

    @Test func procNetTablesAreRead() {
        let tcp = """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 00000000:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0000000000000000 100 0 0 10 0
               1: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4343 1 0000000000000000 100 0 0 10 0
               2: 0100007F:0050 0100007F:D2C4 01 00000000:00000000 00:00000000 00000000     0        0 4444 1 0000000000000000 100 0 0 10 0
            """
        #expect(ProcNetListeners.listening(in: tcp, port: 80).map(\.address) == ["0.0.0.0"])
        #expect(ProcNetListeners.listening(in: tcp, port: 80).map(\.inode) == ["4242"])
        #expect(ProcNetListeners.listening(in: tcp, port: 8080).map(\.address) == ["127.0.0.1"])
        let tcp6 = """
              sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 00000000000000000000000001000000:01BB 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5151 1 0000000000000000 100 0 0 10 0
               1: 00000000000000000000000000000000:01BB 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5252 1 0000000000000000 100 0 0 10 0
            """
        #expect(ProcNetListeners.listening(in: tcp6, port: 443).map(\.address) == ["::1", "::"])
    }
}

@Suite struct AddressProbeTests {
    @Test func localhostResolvesAndLoopbackIsLocal() {
        #expect(LocalAddresses.all().contains(IPAddress.v4([127, 0, 0, 1])))
        guard case .addresses(let addresses) = SystemProbes().resolve("localhost") else {
            Issue.record("localhost does not resolve")
            return
        }
        #expect(addresses.contains(IPAddress.v4([127, 0, 0, 1])))
        #expect(SystemProbes().resolve("no-such-host.invalid") != .addresses([]))
    }
}
