package io.marketfeed.testkit.fake;

import io.marketfeed.api.FeedCapability;

/**
 * Conformance tests of deliberately broken fakes, each expected to fail particular cases. Nested, so that
 * Surefire does not run them ({@code **}{@code /*$*} is excluded by default); {@code TestConformanceKit} runs
 * them through the JUnit Platform launcher and checks that the kit reports the breakage.
 */
final class BrokenProviderConformance {

    private BrokenProviderConformance() {
    }

    static final class TestIgnoresFrameLimitProviderConformance extends FakeConformance {
        TestIgnoresFrameLimitProviderConformance() {
            super(FakeProvider.IgnoresFrameLimit::new);
        }
    }

    static final class TestThrowsInDecodeProviderConformance extends FakeConformance {
        TestThrowsInDecodeProviderConformance() {
            super(FakeProvider.ThrowsInDecode::new);
        }
    }

    static final class TestLeaksCredentialProviderConformance extends FakeConformance {
        TestLeaksCredentialProviderConformance() {
            super(FakeProvider.LeaksCredential::new);
        }
    }

    static final class TestRetriesFatalCloseProviderConformance extends FakeConformance {
        TestRetriesFatalCloseProviderConformance() {
            super(FakeProvider.RetriesFatalClose::new);
        }
    }

    static final class TestRetriesRefusedKeyProviderConformance extends FakeConformance {
        TestRetriesRefusedKeyProviderConformance() {
            super(FakeProvider.RetriesRefusedKey::new);
        }
    }

    static final class TestDeafToHeartbeatsProviderConformance extends FakeConformance {
        TestDeafToHeartbeatsProviderConformance() {
            super(FakeProvider.DeafToHeartbeats::new);
        }
    }

    static final class TestWrongSettingsExceptionProviderConformance extends FakeConformance {
        TestWrongSettingsExceptionProviderConformance() {
            super(FakeProvider.WrongSettingsException::new);
        }
    }

    static final class TestForgetsOnReconnectProviderConformance extends FakeConformance {
        TestForgetsOnReconnectProviderConformance() {
            super(FakeProvider.ForgetsOnReconnect::new);
        }
    }

    static final class TestLetsWildcardThroughProviderConformance extends FakeConformance {
        TestLetsWildcardThroughProviderConformance() {
            super(FakeProvider.LetsWildcardThrough::new);
        }
    }

    static final class TestDecodesWrongSymbolProviderConformance extends FakeConformance {
        TestDecodesWrongSymbolProviderConformance() {
            super(FakeProvider.DecodesWrongSymbol::new);
        }
    }

    static final class TestRepeatsSharedSubscribeProviderConformance extends FakeConformance {
        TestRepeatsSharedSubscribeProviderConformance() {
            super(FakeProvider.RepeatsSharedSubscribe::new);
        }
    }

    /** A correct provider whose test class breaks the naming rule. */
    static final class FakeProviderConformanceMisnamed extends FakeConformance {
        FakeProviderConformanceMisnamed() {
            super(FakeProvider::new);
        }
    }

    /** A correct provider whose test declares a capability the provider does not. */
    static final class TestFakeProviderConformanceClaimingTrades extends FakeConformance {
        TestFakeProviderConformanceClaimingTrades() {
            super(FakeProvider::new);
        }

        @Override
        protected boolean hasCapability(FeedCapability capability) {
            return capability == FeedCapability.TRADES || super.hasCapability(capability);
        }
    }
}
