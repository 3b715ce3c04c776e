package io.marketfeed.testkit.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The kit fails deliberately broken providers, in the case that names their breakage and with a message that
 * says what is wrong. Each broken fake's conformance class runs through the JUnit Platform launcher, as a
 * provider author's build would run it.
 */
class TestConformanceKit {

    @Test
    void aProviderIgnoringTheFrameLimitFails() {
        assertFails(BrokenProviderConformance.TestIgnoresFrameLimitProviderConformance.class,
                "subscribeRequestsStayWithinTheFrameLimit", "over the limit");
        assertFails(BrokenProviderConformance.TestIgnoresFrameLimitProviderConformance.class,
                "subscribeRequestsFollowTheDeclaredSemantics", "");
    }

    @Test
    void aDecoderThatThrowsFails() {
        assertFails(BrokenProviderConformance.TestThrowsInDecodeProviderConformance.class,
                "decoderSurvivesMalformedAndUnknownFrames", "decode threw");
    }

    @Test
    void aLeakedCredentialFails() {
        // The decoder itself is checked: on a live feed the runtime masks every credential it knows in what a
        // provider reports, so a leak would no longer show in events; it is still the provider's bug.
        assertFails(BrokenProviderConformance.TestLeaksCredentialProviderConformance.class,
                "decoderSurvivesMalformedAndUnknownFrames", "credential");
    }

    @Test
    void retryingAFatalCloseFails() {
        assertFails(BrokenProviderConformance.TestRetriesFatalCloseProviderConformance.class,
                "fatalCloseStopsRetries", "must be classified as fatal");
    }

    @Test
    void retryingARefusedKeyFails() {
        assertFails(BrokenProviderConformance.TestRetriesRefusedKeyProviderConformance.class,
                "unauthorizedHandshakeStopsRetries", "must be fatal");
    }

    @Test
    void aDecoderDeafToHeartbeatsFails() {
        assertFails(BrokenProviderConformance.TestDeafToHeartbeatsProviderConformance.class,
                "heartbeatKeepsAnIdleConnectionOpen", "was replaced");
    }

    @Test
    void settingsErrorsOfTheWrongTypeFail() {
        assertFails(BrokenProviderConformance.TestWrongSettingsExceptionProviderConformance.class,
                "invalidSettingsAreReportedAsSettingsProblems", "SettingsException");
    }

    @Test
    void notResubscribingAfterADropFails() {
        assertFails(BrokenProviderConformance.TestForgetsOnReconnectProviderConformance.class,
                "resubscribesAfterADropWithoutCloseFrame", "did not send subscribe requests");
    }

    @Test
    void lettingAnUndeclaredWildcardThroughFails() {
        assertFails(BrokenProviderConformance.TestLetsWildcardThroughProviderConformance.class,
                "wholeMarketSubscription", "must be refused");
    }

    @Test
    void decodingToTheWrongSymbolFails() {
        assertFails(BrokenProviderConformance.TestDecodesWrongSymbolProviderConformance.class,
                "decoderSurvivesMalformedAndUnknownFrames", "did not decode");
        assertFails(BrokenProviderConformance.TestDecodesWrongSymbolProviderConformance.class,
                "handshakeCarriesTheCredentialAsDeclared", "produced no market-data event");
    }

    @Test
    void repeatingASubscribeOnAConnectionFails() {
        assertFails(BrokenProviderConformance.TestRepeatsSharedSubscribeProviderConformance.class,
                "controlFramesAreNotRepeatedOnAConnection", "again (subscribe [SYM001, SYM002])");
    }

    @Test
    void aMisnamedTestClassFails() {
        assertFails(BrokenProviderConformance.FakeProviderConformanceMisnamed.class,
                "subclassFollowsTheNamingRule", "TestFakeProviderConformance");
    }

    @Test
    void aCapabilityTheProviderDoesNotDeclareFails() {
        assertFails(BrokenProviderConformance.TestFakeProviderConformanceClaimingTrades.class,
                "declaredCapabilitiesMatchTheProvider", "only the test declares [TRADES]");
    }

    @Test
    void theBrokenFakesStillPassWhatTheyDoRight() {
        Map<String, TestExecutionResult> results = run(
                BrokenProviderConformance.TestIgnoresFrameLimitProviderConformance.class,
                "providerFollowsTheSpiContract", "decoderSurvivesMalformedAndUnknownFrames", "fatalCloseStopsRetries");
        results.forEach((name, result) -> assertEquals(TestExecutionResult.Status.SUCCESSFUL, result.getStatus(),
                name + ": " + result.getThrowable().map(Throwable::toString).orElse("")));
        assertEquals(3, results.size(), results.toString());
    }

    private static void assertFails(Class<?> testClass, String method, String expected) {
        TestExecutionResult result = run(testClass, method).get(method);
        assertNotNull(result, method + " did not run for " + testClass.getSimpleName());
        assertEquals(TestExecutionResult.Status.FAILED, result.getStatus(), testClass.getSimpleName() + "." + method
                + " should fail");
        String message = result.getThrowable().map(Throwable::getMessage).orElse("");
        assertTrue(message.contains(expected), testClass.getSimpleName() + "." + method + " failed, but the message"
                + " does not say '" + expected + "': " + message);
    }

    private static Map<String, TestExecutionResult> run(Class<?> testClass, String... methods) {
        List<org.junit.platform.engine.DiscoverySelector> selectors = new ArrayList<>();
        for (String method : methods) {
            selectors.add(DiscoverySelectors.selectMethod(testClass, method));
        }
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectors).build();
        Map<String, TestExecutionResult> results = new ConcurrentHashMap<>();
        LauncherFactory.create().execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                test.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                        .ifPresent(source -> results.put(source.getMethodName(), result));
            }
        });
        return results;
    }
}
