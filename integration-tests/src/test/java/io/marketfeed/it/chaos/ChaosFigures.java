package io.marketfeed.it.chaos;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one chaos run did and saw. Immutable.
 *
 * @param seed the schedule's seed
 * @param faults scheduled faults by kind
 * @param dropRounds rounds of the drop-only phase
 * @param reconnects reconnects since the baseline (the feed's snapshot)
 * @param gaps gap events
 * @param blindWindows blind windows seen in the connection events
 * @param covered blind windows covered by a gap event
 * @param problems decode problems the feed counted (malformed frames and the like)
 * @param medianRecovery median time, over scheduled faults, until the faulted provider's symbols all had data
 * @param worstRecovery per provider, the longest time until all its symbols had data after any window
 * @param heapStart heap after GC at the baseline, bytes
 * @param heapEnd heap after GC at the end, bytes
 * @param threadsStart live threads at the baseline
 * @param threadsEnd live threads at the end
 */
record ChaosFigures(long seed, Map<FaultKind, Integer> faults, int dropRounds, long reconnects, long gaps,
        long blindWindows, long covered, long problems, Duration medianRecovery, Map<String, Duration> worstRecovery,
        long heapStart, long heapEnd, int threadsStart, int threadsEnd) {

    ChaosFigures {
        faults = Map.copyOf(faults);
        worstRecovery = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(worstRecovery));
    }

    int faultCount() {
        return faults.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** One line: seed, faults, reconnects, gaps, recoveries, heap and threads. */
    String summary() {
        String worst = worstRecovery.entrySet().stream()
                .map(entry -> entry.getKey() + " " + ProviderSetup.seconds(entry.getValue()))
                .collect(Collectors.joining(", "));
        return String.format(java.util.Locale.ROOT, "seed %d: %d faults (%d kinds) + %d drop rounds, %d reconnects, "
                + "%d gaps covering %d/%d blind windows, %d decode problems; recovery median %s, worst %s; "
                + "heap after GC %.1f -> %.1f MiB, threads %d -> %d", seed, faultCount(), faults.size(), dropRounds,
                reconnects, gaps, covered, blindWindows, problems, ProviderSetup.seconds(medianRecovery), worst,
                heapStart / 1048576.0, heapEnd / 1048576.0, threadsStart, threadsEnd);
    }
}
