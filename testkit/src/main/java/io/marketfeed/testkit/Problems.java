package io.marketfeed.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;

/**
 * How a case that collects every problem before failing reports them: all at once, thirty of them at the most,
 * so that a provider author sees the whole list in one run. Stateless.
 */
final class Problems {

    private Problems() {
    }

    /** Fails with {@code what} and the problems, unless there are none. */
    static void assertNone(String what, List<String> problems) {
        if (!problems.isEmpty()) {
            List<String> shown = problems.subList(0, Math.min(30, problems.size()));
            fail(what + " (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "):\n  - "
                    + String.join("\n  - ", shown).replace("\u0000", "\\u0000")
                    + (problems.size() > shown.size() ? "\n  … and " + (problems.size() - shown.size()) + " more"
                            : ""));
        }
    }
}
