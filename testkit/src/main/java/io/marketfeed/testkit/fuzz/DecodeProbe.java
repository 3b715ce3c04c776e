package io.marketfeed.testkit.fuzz;

import static java.util.Objects.requireNonNull;

import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.api.protocol.ProtocolSession;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Decodes one frame the way the runtime does and checks what a decoder promises for any input:
 * <ul>
 *   <li>no exception escapes ({@code Error}s included: a deep frame must not overflow the stack);</li>
 *   <li>it returns within {@linkplain #maxMillis a time bound} (no hang, nothing quadratic in a long frame);</li>
 *   <li>it allocates at most {@linkplain #allocation a bound proportional to the frame} (measured with
 *       {@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes});</li>
 *   <li>it leaves the frame's buffer as it was (the buffer is the transport's: SPI 1.1), reading only its slice
 *       (the frame is handed over inside a larger buffer whose other bytes would change its meaning), and keeps
 *       nothing of it (the buffer is overwritten after the decode, so whatever still points into it shows
 *       garbage in the next check);</li>
 *   <li>every event it emits is of its provider, and no problem it reports carries {@linkplain #credential the
 *       credential} (a server may echo it in an error, and problems reach the logs);</li>
 *   <li>no problem it reports is an exception it caught and reported as a warning ({@link #SWALLOWED}, and
 *       {@linkplain #swallowed what the probe is told}): the runtime survives those, but they are bugs.</li>
 * </ul>
 * A time or allocation bound that is exceeded is measured again, up to three times in all, with the same
 * frame and session: class loading, the first run of a string concatenation (which bootstraps a method handle),
 * JIT compilation and garbage collection pauses are not the decoder's doing, and a decode that costs too much
 * costs it every time. Only when every attempt exceeds does the probe fail (the session then has seen the frame
 * more than once).
 *
 * {@snippet :
 * DecodeProbe probe = new DecodeProbe("sahmk");
 * FuzzOutput out = probe.decode(session, Mutation.applyAll(frame, mutations));  // AssertionError when broken
 * }
 *
 * <p>Immutable and thread safe; the {@code with} methods return a new probe. The default bounds are 500 ms and
 * 64 bytes per frame byte plus 64 KiB.
 */
public final class DecodeProbe {

    /** The receive time every probed frame carries, so that runs are repeatable. */
    public static final Instant RECEIVED_AT = Instant.parse("2026-02-10T09:19:23.500Z");

    /**
     * The default test for swallowed exceptions: a message with an exception's class name, or one of the JDK's
     * messages for index, null, cast, arithmetic and number-format failures.
     */
    public static final Predicate<String> SWALLOWED = DecodeProbe::looksLikeAnException;

    private static final List<String> EXCEPTION_TEXTS = List.of("Exception", "StackOverflowError",
            "OutOfMemoryError", "out of bounds for length", "Cannot invoke", "Cannot read", "Cannot load",
            "Cannot store", "Cannot assign", "cannot be cast to", "/ by zero", "For input string:",
            "BigInteger would overflow");
    /** {@code StringIndexOutOfBoundsException}'s message, which names no exception. */
    private static final Pattern STRING_INDEX = Pattern.compile("begin -?\\d+, end -?\\d+, length \\d+");

    /** How often a decode that exceeds a bound is measured in all. */
    private static final int ATTEMPTS = 3;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final String providerId;
    private final long maxNanos;
    private final long bytesPerFrameByte;
    private final long fixedBytes;
    private final Predicate<String> swallowed;
    /** The credential no event or problem may contain, or null. */
    private final String credential;

    /** @param providerId the id every emitted event must carry */
    public DecodeProbe(String providerId) {
        this(providerId, TimeUnit.MILLISECONDS.toNanos(500), 64, 64 * 1024, SWALLOWED, null);
    }

    private DecodeProbe(String providerId, long maxNanos, long bytesPerFrameByte, long fixedBytes,
            Predicate<String> swallowed, String credential) {
        this.providerId = requireNonNull(providerId, "providerId is null");
        this.maxNanos = maxNanos;
        this.bytesPerFrameByte = bytesPerFrameByte;
        this.fixedBytes = fixedBytes;
        this.swallowed = requireNonNull(swallowed, "swallowed is null");
        this.credential = credential;
    }

    /** A probe that allows a decode {@code millis} milliseconds. */
    public DecodeProbe maxMillis(long millis) {
        return new DecodeProbe(providerId, TimeUnit.MILLISECONDS.toNanos(millis), bytesPerFrameByte, fixedBytes,
                swallowed, credential);
    }

    /** A probe that allows a decode to allocate {@code perFrameByte} × the frame's length + {@code fixed} bytes. */
    public DecodeProbe allocation(long perFrameByte, long fixed) {
        return new DecodeProbe(providerId, maxNanos, perFrameByte, fixed, swallowed, credential);
    }

    /**
     * A probe that takes a problem whose message {@code test} accepts for an exception the decoder swallowed (in
     * addition to {@link #SWALLOWED}), such as the decoder's own catch-all wording.
     */
    public DecodeProbe swallowed(Predicate<String> test) {
        return new DecodeProbe(providerId, maxNanos, bytesPerFrameByte, fixedBytes, swallowed.or(test), credential);
    }

    /**
     * A probe that fails when a problem contains {@code credential} (the session's key, which a server may echo in
     * an error): problems reach the logs. Events are the server's data and are not checked: a symbol that happens to
     * spell the key is the symbol.
     */
    public DecodeProbe credential(String credential) {
        return new DecodeProbe(providerId, maxNanos, bytesPerFrameByte, fixedBytes, swallowed,
                requireNonNull(credential, "credential is null"));
    }

    private static boolean looksLikeAnException(String message) {
        for (String text : EXCEPTION_TEXTS) {
            if (message.contains(text)) {
                return true;
            }
        }
        return message.contains(", end ") && STRING_INDEX.matcher(message).find();
    }

    /** The most a decode of {@code frame} may allocate. */
    public long allocationLimit(FuzzFrame frame) {
        return bytesPerFrameByte * frame.length() + fixedBytes;
    }

    /**
     * Decodes {@code frame} with {@code session} and checks it.
     *
     * @return what the decode reported
     * @throws AssertionError naming every broken promise and showing the frame; an exception that escaped is its
     *     cause
     */
    public FuzzOutput decode(ProtocolSession session, FuzzFrame frame) {
        Measured first = measure(session, frame);
        List<String> failures = new ArrayList<>();
        if (first.thrown != null) {
            failures.add("decode threw " + first.thrown);
        }
        long nanos = first.nanos;
        long allocated = first.allocated;
        for (int attempt = 1; attempt < ATTEMPTS && first.thrown == null && exceeds(nanos, allocated, frame);
                attempt++) {
            Measured again = measure(session, frame);
            nanos = Math.min(nanos, again.nanos);
            allocated = Math.min(allocated, again.allocated);
        }
        if (nanos > maxNanos) {
            failures.add("decode took " + TimeUnit.NANOSECONDS.toMillis(nanos) + " ms (each attempt), more than "
                    + TimeUnit.NANOSECONDS.toMillis(maxNanos) + " ms");
        }
        if (allocated > allocationLimit(frame)) {
            failures.add("decode allocated " + allocated + " bytes (each attempt), more than " + allocationLimit(frame)
                    + " for a frame of " + frame.length() + " bytes");
        }
        check(first, failures);
        if (!failures.isEmpty()) {
            throw new AssertionError(String.join("; ", failures) + "\n  frame: " + frame, first.thrown);
        }
        return first.out;
    }

    private void check(Measured measured, List<String> failures) {
        if (measured.bufferChanged) {
            failures.add("decode modified the frame's buffer (it is the transport's, SPI 1.1)");
        }
        for (MarketEvent event : measured.out.events()) {
            if (!providerId.equals(event.provider())) {
                failures.add("decode emitted an event of provider '" + event.provider() + "': " + event);
            }
        }
        for (Disposition problem : measured.out.problems()) {
            if (problem.message() == null || swallowed.test(problem.message())) {
                failures.add("decode swallowed an exception and reported it as a " + problem.kind() + ": "
                        + problem.message());
            } else if (credential != null && problem.message().contains(credential)) {
                failures.add("decode reported a problem with the credential in it: " + problem.message());
            }
        }
    }

    private static Measured measure(ProtocolSession session, FuzzFrame frame) {
        FuzzOutput out = new FuzzOutput();
        InboundFrame inbound = frame.inbound(RECEIVED_AT);
        byte[] before = inbound.array().clone();
        Throwable thrown = null;
        long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        try {
            session.decode(inbound, out);
        } catch (Throwable e) {
            thrown = e;
        }
        long nanos = System.nanoTime() - start;
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore;
        boolean changed = !Arrays.equals(before, inbound.array());
        Arrays.fill(inbound.array(), (byte) '#');
        return new Measured(out, thrown, nanos, allocated, changed);
    }

    private boolean exceeds(long nanos, long allocated, FuzzFrame frame) {
        return nanos > maxNanos || allocated > allocationLimit(frame);
    }

    /** One decode of a frame and what it cost. */
    private record Measured(FuzzOutput out, Throwable thrown, long nanos, long allocated, boolean bufferChanged) {
    }
}
