package io.marketfeed.testkit.fake;

/** The first-message fake passes: auth by a first message, no heartbeat. */
class TestFakeFirstMessageProviderConformance extends FakeConformance {
    TestFakeFirstMessageProviderConformance() {
        super(FakeProvider.FirstMessage::new);
    }
}
