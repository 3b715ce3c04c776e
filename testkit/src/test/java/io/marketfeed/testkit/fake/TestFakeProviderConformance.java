package io.marketfeed.testkit.fake;

/** The standard fake passes: query-parameter auth, additive requests, client pings. */
class TestFakeProviderConformance extends FakeConformance {
    TestFakeProviderConformance() {
        super(FakeProvider::new);
    }
}
