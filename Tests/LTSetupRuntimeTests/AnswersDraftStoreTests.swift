import Foundation
import Glibc
import LTSetupCore
import LTSetupRuntime
import Testing

@Suite struct AnswersDraftStoreTests {
    @Test func savesBesideTheSessionFileWithMode0600AndLoadsTheSame() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let store = AnswersDraftStore(sessionPath: scratch.path("lib/session.json"))
        #expect(store.path == scratch.path("lib/wizard-answers.json"))
        #expect(store.load() == nil)
        var raw = RawAnswers()
        raw[.domain] = "radio.example.org"
        raw[.backend] = "localhost:80"  // as typed: a draft may hold answers not yet valid
        raw[.proxy] = "apache"
        let draft = AnswersDraft(answers: raw, screen: "details", savedAt: "2026-11-28T16:41:00Z")
        try store.save(draft)
        let loaded = try #require(store.load())
        #expect(loaded == draft)
        #expect(loaded.rawAnswers == raw)
        var info = stat()
        stat(store.path, &info)
        #expect(info.st_mode & 0o777 == 0o600)
        #expect(scratch.temporaries(in: scratch.path("lib")).isEmpty)
        store.remove()
        #expect(store.load() == nil)
    }

    /// A damaged draft is a lost convenience, not an error: it is not offered.
    @Test func aDamagedDraftIsIgnoredAndUnknownKeysAreLeftOut() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let store = AnswersDraftStore(sessionPath: scratch.path("session.json"))
        scratch.make("wizard-answers.json", "{\"answers\": {\"domain\": ")
        #expect(store.load() == nil)
        scratch.make("wizard-answers.json",
                     #"{"answers": {"domain": "a.example.org", "colour": "red"}, "screen": "proxy", "saved_at": "x"}"#)
        let loaded = try #require(store.load())
        #expect(loaded.rawAnswers == RawAnswers([.domain: "a.example.org"]))
        #expect(loaded.screen == "proxy")
    }
}
