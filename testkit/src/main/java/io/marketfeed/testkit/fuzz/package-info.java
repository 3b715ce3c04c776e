/**
 * Fuzzing a decoder: mutations of a provider's real frames, and a probe that checks what a decoder promises for
 * any input. For plugin authors as for the bundled providers; it needs no property-testing library (with jqwik,
 * generate {@link io.marketfeed.testkit.fuzz.Mutation}s from their three parts, so that a failure shrinks).
 *
 * <ul>
 *   <li>{@link io.marketfeed.testkit.fuzz.FuzzFrame}: a frame's bytes and kind, shown printably.</li>
 *   <li>{@link io.marketfeed.testkit.fuzz.Mutator}: the mutations (truncation at every kind of position, type
 *       swaps, huge numbers, deep nesting, invalid UTF-8, duplicated keys, byte flips, odd strings, repeated
 *       elements, whole-frame replacements, binary frames); {@link io.marketfeed.testkit.fuzz.Mutation}: one of
 *       them with its parameters, a value that replays exactly.</li>
 *   <li>{@link io.marketfeed.testkit.fuzz.DecodeProbe}: decodes a frame and fails when an exception escapes, the
 *       decode is slow, allocates more than in proportion to the frame, touches the transport's buffer, emits an
 *       event of another provider or reports a caught exception as a warning.</li>
 *   <li>{@link io.marketfeed.testkit.fuzz.FuzzOutput}: a {@code DecodeOutput} that allocates next to nothing.</li>
 * </ul>
 *
 * {@snippet :
 * @Property(tries = 100_000)
 * void noFrameBreaksTheDecoder(@ForAll("frames") int base, @ForAll("mutations") List<Mutation> mutations) {
 *     FuzzFrame frame = Mutation.applyAll(FRAMES.get(base), mutations);
 *     probe.decode(primedSession(), frame);
 * }
 * }
 */
package io.marketfeed.testkit.fuzz;
