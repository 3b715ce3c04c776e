package io.marketfeed.it.chaos;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;

/**
 * Live instances per class of the feed (runtime, providers, toolkit, API; not the simulator, not this test), from
 * HotSpot's class histogram (which collects first), to say which classes grew when the heap did: a class whose count
 * follows the reconnects is what a leak is made of. Empty where the diagnostic command is not available.
 */
final class HeapHistogram {

    private static final Pattern LINE = Pattern.compile("\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*");

    private final Map<String, Long> instances;

    private HeapHistogram(Map<String, Long> instances) {
        this.instances = instances;
    }

    /** A histogram of these counts (for tests of the leak check). */
    static HeapHistogram of(Map<String, Long> instances) {
        return new HeapHistogram(Map.copyOf(instances));
    }

    static HeapHistogram take() {
        Map<String, Long> instances = new HashMap<>();
        try {
            Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            for (String line : text.toString().split("\n")) {
                Matcher matcher = LINE.matcher(line);
                if (matcher.matches() && feed(matcher.group(3))) {
                    instances.put(matcher.group(3), Long.parseLong(matcher.group(1)));
                }
            }
        } catch (javax.management.JMException | RuntimeException e) {
            return new HeapHistogram(Map.of());
        }
        return new HeapHistogram(instances);
    }

    private static boolean feed(String type) {
        return type.startsWith("io.marketfeed.") && !type.startsWith("io.marketfeed.simulator.")
                && !type.startsWith("io.marketfeed.it.");
    }

    /**
     * The classes that grew with the samples (oldest first): at least {@code least} more live instances in the last
     * sample than in the first, and more than in the previous sample at three quarters of the samples or more. A
     * count that only moves with the state the feed happens to be in (sessions that allocate lazily) fails the second
     * test; a leak passes both.
     */
    static List<String> growing(List<HeapHistogram> samples, long least) {
        if (samples.size() < 2) {
            return List.of();
        }
        HeapHistogram first = samples.get(0);
        HeapHistogram last = samples.get(samples.size() - 1);
        List<String> growing = new ArrayList<>();
        for (String type : last.grownSince(first, least)) {
            String name = "io.marketfeed." + type.substring(0, type.lastIndexOf(" +"));
            int rises = 0;
            for (int i = 1; i < samples.size(); i++) {
                if (samples.get(i).instances.getOrDefault(name, 0L)
                        > samples.get(i - 1).instances.getOrDefault(name, 0L)) {
                    rises++;
                }
            }
            if (rises * 4 >= (samples.size() - 1) * 3) {
                growing.add(type + " (rose at " + rises + " of " + (samples.size() - 1) + " samples)");
            }
        }
        return growing;
    }

    /** The classes with at least {@code least} more live instances than in {@code before}, most first. */
    List<String> grownSince(HeapHistogram before, long least) {
        List<Map.Entry<String, Long>> grown = new ArrayList<>();
        instances.forEach((type, count) -> {
            long growth = count - before.instances.getOrDefault(type, 0L);
            if (growth >= least) {
                grown.add(Map.entry(type, growth));
            }
        });
        grown.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        return grown.stream().map(entry -> entry.getKey().replace("io.marketfeed.", "") + " +" + entry.getValue())
                .toList();
    }
}
