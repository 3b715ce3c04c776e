package io.marketfeed.testkit.fake;

/** The replace-all fake passes: header auth, replace requests, server heartbeats. */
class TestFakeReplaceProviderConformance extends FakeConformance {
    TestFakeReplaceProviderConformance() {
        super(FakeProvider.Replace::new);
    }
}
