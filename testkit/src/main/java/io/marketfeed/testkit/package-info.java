/**
 * The provider conformance kit: what a provider author adds with test scope.
 *
 * <ul>
 *   <li>{@link io.marketfeed.testkit.MarketFeedProviderConformanceTest}: the abstract JUnit 5 test a provider's
 *       {@code Test<Id>ProviderConformance} class extends, supplying its provider, a {@link
 *       io.marketfeed.testkit.ProtocolScript}, settings and its declared capabilities. It drives the provider
 *       through the real runtime against a {@link io.marketfeed.testkit.ScriptedServer}.</li>
 *   <li>{@link io.marketfeed.testkit.ScriptedServer}: a WebSocket server on a free loopback port that answers by
 *       rule, pushes, drops, stalls, closes with codes, refuses handshakes and records everything.</li>
 *   <li>{@link io.marketfeed.testkit.EventRecorder}: a listener that records events and waits for them.</li>
 *   <li>{@link io.marketfeed.testkit.SettingsAssertions}: the defaults test and the full-mapping test for a
 *       provider's {@code reference.conf} block.</li>
 *   <li>{@link io.marketfeed.testkit.RecordingDecodeOutput}: a {@code DecodeOutput} for testing a decoder
 *       directly.</li>
 * </ul>
 *
 * <p>Everything waits on conditions with timeouts; nothing sleeps for a fixed time.
 */
package io.marketfeed.testkit;
