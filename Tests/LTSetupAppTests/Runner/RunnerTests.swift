import Foundation
import Glibc
import LTSetupApp
import LTSetupCore
import LTSetupRuntime
import Testing

/// The runner in this process, with real steps, a real control socket and real clients:
/// what goes on when front ends come, ask, and go.
@Suite(.serialized) struct RunnerTests {
    @Test func aRunOfEveryStepGoesOnWhenItsFrontEndHangsUp() throws {
        let box = try RunnerSandbox(second: ["sh", "-c", "sleep 0.3; echo second"])
        let runner = try box.runner()
        var client: TestClient? = try TestClient(box.socketPath)
        #expect(client!.await(runner, .state(nil)))
        client!.send(.all)
        #expect(client!.await(runner, .state(.all)))
        // The terminal drops while the second step runs.
        #expect(runner.serve(until: { runner.run.session.record(.enableSite)?.status == .running }))
        client = nil
        #expect(runner.serve(until: { runner.isFinished }))
        let saved = try #require(try box.store.load())
        #expect(saved.isComplete)
        let record = try #require(saved.runs?.last)
        #expect(record.mode == "all")
        #expect(record.ending?.hasPrefix("done") == true)
        #expect(record.endedUnwatched == true)
        #expect(saved.lastRunUnseen)
    }

    @Test func aStepByStepRunStopsAfterItsStepWhenItsFrontEndHangsUp() throws {
        let box = try RunnerSandbox(second: ["sh", "-c", "sleep 0.3; echo second"])
        let runner = try box.runner()
        var client: TestClient? = try TestClient(box.socketPath)
        #expect(client!.await(runner, .state(nil)))
        // The first step is done by the first request; the second runs when the link drops.
        client!.send(.next)
        #expect(client!.await(runner, .state(nil)))
        client!.send(.next)
        #expect(runner.serve(until: { runner.run.session.record(.enableSite)?.status == .running }))
        client = nil
        #expect(runner.serve(until: { runner.isFinished }))
        let saved = try #require(try box.store.load())
        #expect(saved.record(.enableSite)?.status == .done)
        #expect(saved.record(.restartProxy)?.status == .pending)
        #expect(saved.stop?.reason.contains("hung up in step-by-step mode during step 2 (The second step); the step finished") == true)
        #expect(saved.runs?.count == 2)
        #expect(saved.runs?.last?.ending?.contains("step-by-step") == true)
    }

    @Test func stoppingTheStepNamesWhoAskedAndTheRunWaitsForTheNextRequest() throws {
        let box = try RunnerSandbox(second: ["sleep", "30"])
        let runner = try box.runner()
        let client = try TestClient(box.socketPath)
        #expect(client.await(runner, .state(nil)))
        client.send(.all)
        #expect(runner.serve(until: { runner.run.session.record(.enableSite)?.status == .running }))
        client.send(.stopStep)
        #expect(client.await(runner, .state(nil)))
        let saved = try #require(try box.store.load())
        #expect(saved.record(.enableSite)?.status == .interrupted)
        #expect(saved.runs?.last?.ending?.contains("asked by lt-setup process \(getpid())") == true)
        #expect(saved.runs?.last?.endedUnwatched == nil)
        // Waiting for a request costs nothing: poll sleeps until something happens.
        #expect(runner.pollTimeout == -1)
        #expect(!runner.isFinished)
        // The operator skips the stopped step and runs the rest.
        client.send(.skip(.enableSite))
        client.send(.all)
        #expect(client.await(runner, .state(.all)))
        #expect(client.await(runner, .state(nil)))
        #expect(try box.store.load()?.isComplete == true)
        #expect(try box.store.load()?.record(.enableSite)?.statusWord == "skipped")
    }

    @Test func requestsThatMakeNoSenseNowAreRefusedWithWhy() throws {
        let box = try RunnerSandbox(second: ["sleep", "30"])
        let runner = try box.runner()
        let client = try TestClient(box.socketPath)
        #expect(client.await(runner, .state(nil)))
        client.connection.send("rm -rf /")
        #expect(client.await(runner, .refused("not a request: rm -rf /")))
        client.send(.all)
        #expect(runner.serve(until: { runner.run.session.record(.enableSite)?.status == .running }))
        client.send(.skip(.restartProxy))
        #expect(client.await(runner, .refused("a step cannot be skipped while the run goes on")))
        client.send(.next)
        #expect(client.await(runner, .refused("a run is already going on")))
        client.send(.stopStep)
        #expect(client.await(runner, .state(nil)))
    }

    @Test func aClientOfAnotherUserIsNotServed() throws {
        let box = try RunnerSandbox()
        // The runner serves only user 4242: this process, of another user, is cut off unheard.
        let runner = try box.runner(allowedUser: 4242)
        let client = try TestClient(box.socketPath)
        client.send(.all)
        runner.serve(until: { client.connection.receive().isEmpty && client.connection.isClosed }, limit: .seconds(2))
        #expect(client.connection.isClosed)
        #expect(runner.mode == nil)
        #expect(try box.store.load()?.record(.siteFile)?.status == .pending)
    }

    @Test func aRunnerThatNobodyCameToEnds() throws {
        let box = try RunnerSandbox()
        let runner = try box.runner(firstClientWait: .milliseconds(100))
        #expect(!runner.isFinished)
        #expect(runner.pollTimeout > 0)
        #expect(runner.serve(until: { runner.isFinished }, limit: .seconds(2)))
        #expect(try box.store.load()?.record(.siteFile)?.status == .pending)
    }

    @Test func severalFrontEndsWatchOneRunAndOneLeavingIsNotAHangUp() throws {
        let box = try RunnerSandbox(second: ["sh", "-c", "sleep 0.3; echo second"])
        let runner = try box.runner()
        var first: TestClient? = try TestClient(box.socketPath)
        var second: TestClient? = try TestClient(box.socketPath)
        #expect(first!.await(runner, .state(nil)))
        #expect(second!.await(runner, .state(nil)))
        first!.send(.next)
        #expect(second!.await(runner, .state(.next)))
        #expect(second!.await(runner, .state(nil)))
        #expect(first!.await(runner, .state(.next)))
        #expect(first!.await(runner, .state(nil)))
        second!.send(.leave)
        second = nil
        first!.send(.next)
        #expect(first!.await(runner, .state(.next)))
        #expect(first!.await(runner, .state(nil)))
        first!.send(.leave)
        first = nil
        #expect(runner.serve(until: { runner.isFinished }, limit: .seconds(5)))
        let saved = try #require(try box.store.load())
        #expect(saved.record(.enableSite)?.status == .done)
        #expect(saved.stop == nil)
    }
}
