package io.marketfeed.connect;

import static java.util.Objects.requireNonNull;

import io.marketfeed.api.protocol.Limits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Splits the symbols over tasks so that no credential ever holds more connections than its limit, however many
 * tasks run and wherever Connect places them.
 *
 * <p>The unit is a <em>connection group</em>: up to {@code maxSymbolsPerConnection} symbols of one endpoint, the
 * load of one connection. Each group is given to a credential (round robin, so that several keys share the load),
 * never more than {@code maxConnections} groups per credential and endpoint. Each task then runs one credential with
 * one or more whole groups, and is told to open at most as many connections as it has groups
 * ({@code limits.max-connections}); a credential's groups, spread over its tasks, therefore never add up to more
 * than its limit. There are fewer tasks than {@code tasks.max} when there are fewer groups; {@link Plan#note()} says
 * why.
 *
 * <p>Pure: no I/O, no clock; any thread.
 */
final class ShardPlanner {

    /** One task's share. */
    record Shard(int index, int credential, List<String> symbols, int connections) {
        Shard {
            symbols = List.copyOf(symbols);
        }
    }

    /**
     * The shards, and when there are fewer than {@code tasks.max}, one line saying why.
     */
    record Plan(List<Shard> shards, Optional<String> note) {
        Plan {
            shards = List.copyOf(shards);
            requireNonNull(note, "note is null");
        }
    }

    /** The symbols cannot be carried within the limits; {@link #setting()} is the connector key to change. */
    static final class PlanException extends RuntimeException {
        private final String setting;

        PlanException(String setting, String message) {
            super(message);
            this.setting = setting;
        }

        String setting() {
            return setting;
        }
    }

    private record Group(String endpoint, List<String> symbols) {
    }

    private ShardPlanner() {
    }

    /**
     * @param symbolsByEndpoint each endpoint's symbols, in order, each symbol on one endpoint
     * @param limits each endpoint's limits (symbols per connection, connections per credential)
     * @param credentials how many credentials there are (1 for an anonymous provider)
     * @param maxTasks {@code tasks.max}
     * @throws PlanException when the symbols do not fit
     */
    static Plan plan(Map<String, List<String>> symbolsByEndpoint, Map<String, Limits> limits, int credentials,
            int maxTasks) {
        if (credentials < 1 || maxTasks < 1) {
            throw new IllegalArgumentException("credentials and maxTasks must be positive");
        }
        Map<String, List<Group>> groups = groups(symbolsByEndpoint, limits);
        int total = groups.values().stream().mapToInt(List::size).sum();
        if (total == 0) {
            throw new PlanException(ConnectorConfig.SYMBOLS, "lists no symbol");
        }
        int used = Math.min(credentials, maxTasks);
        checkCapacity(groups, limits, credentials, used, maxTasks);
        List<List<Group>> byCredential = assign(groups, limits, used);
        int[] tasks = tasksPerCredential(byCredential, Math.min(maxTasks, total));
        List<Shard> shards = new ArrayList<>();
        for (int credential = 0; credential < used; credential++) {
            List<Group> owned = byCredential.get(credential);
            int count = tasks[credential];
            for (int task = 0; task < count; task++) {
                // Contiguous, balanced slices: the first (size % count) tasks take one group more.
                int from = task * (owned.size() / count) + Math.min(task, owned.size() % count);
                int to = from + owned.size() / count + (task < owned.size() % count ? 1 : 0);
                shards.add(shard(shards.size(), credential, owned.subList(from, to)));
            }
        }
        Optional<String> note = shards.size() >= maxTasks ? Optional.empty() : Optional.of("tasks.max is "
                + maxTasks + " but " + shards.size() + " task(s) run: the " + symbolCount(symbolsByEndpoint)
                + " symbols make " + total + " connection group(s) (" + describe(limits) + "), and a task carries"
                + " whole groups");
        return new Plan(shards, note);
    }

    private static Map<String, List<Group>> groups(Map<String, List<String>> symbolsByEndpoint,
            Map<String, Limits> limits) {
        Map<String, List<Group>> groups = new LinkedHashMap<>();
        symbolsByEndpoint.forEach((endpoint, symbols) -> {
            int size = requireNonNull(limits.get(endpoint), "no limits for " + endpoint).maxSymbolsPerConnection();
            List<String> distinct = List.copyOf(new LinkedHashSet<>(symbols));
            List<Group> list = new ArrayList<>();
            for (int from = 0; from < distinct.size(); from += size) {
                list.add(new Group(endpoint, distinct.subList(from, Math.min(distinct.size(), from + size))));
            }
            if (!list.isEmpty()) {
                groups.put(endpoint, list);
            }
        });
        return groups;
    }

    private static void checkCapacity(Map<String, List<Group>> groups, Map<String, Limits> limits, int credentials,
            int used, int maxTasks) {
        groups.forEach((endpoint, list) -> {
            Limits limit = limits.get(endpoint);
            long capacity = (long) used * limit.maxConnections();
            if (list.size() <= capacity) {
                return;
            }
            String need = list.size() + " connections of at most " + limit.maxSymbolsPerConnection() + " symbols on "
                    + endpoint;
            if (used == credentials) {
                throw new PlanException(ConnectorConfig.CREDENTIALS, "carry too few connections: the symbols need "
                        + need + ", and " + credentials + " credential(s) x " + limit.maxConnections()
                        + " connection(s) each allow " + capacity + "; add credentials, subscribe fewer symbols, or"
                        + " use a plan with more symbols per connection");
            }
            long tasksNeeded = (list.size() + (long) limit.maxConnections() - 1) / limit.maxConnections();
            throw new PlanException("tasks.max", "is " + maxTasks + ", and a task uses one credential: the symbols"
                    + " need " + need + ", at most " + limit.maxConnections() + " per credential; set tasks.max to"
                    + " at least " + tasksNeeded);
        });
    }

    /** Each endpoint's groups dealt round robin over the credentials, skipping those at their limit. */
    private static List<List<Group>> assign(Map<String, List<Group>> groups, Map<String, Limits> limits, int used) {
        List<List<Group>> byCredential = new ArrayList<>();
        for (int i = 0; i < used; i++) {
            byCredential.add(new ArrayList<>());
        }
        groups.forEach((endpoint, list) -> {
            int[] count = new int[used];
            int next = 0;
            for (Group group : list) {
                while (count[next] >= limits.get(endpoint).maxConnections()) {
                    next = (next + 1) % used;
                }
                byCredential.get(next).add(group);
                count[next]++;
                next = (next + 1) % used;
            }
        });
        return byCredential;
    }

    /** One task per credential with groups, then each further task to the credential with most groups per task. */
    private static int[] tasksPerCredential(List<List<Group>> byCredential, int tasks) {
        int[] count = new int[byCredential.size()];
        int given = 0;
        for (int i = 0; i < count.length; i++) {
            if (!byCredential.get(i).isEmpty()) {
                count[i] = 1;
                given++;
            }
        }
        while (given < tasks) {
            int best = -1;
            for (int i = 0; i < count.length; i++) {
                int groups = byCredential.get(i).size();
                if (count[i] < groups && (best < 0
                        || (double) groups / count[i] > (double) byCredential.get(best).size() / count[best])) {
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            count[best]++;
            given++;
        }
        return count;
    }

    private static Shard shard(int index, int credential, List<Group> groups) {
        LinkedHashSet<String> symbols = new LinkedHashSet<>();
        Map<String, Integer> perEndpoint = new LinkedHashMap<>();
        for (Group group : groups) {
            symbols.addAll(group.symbols());
            perEndpoint.merge(group.endpoint(), 1, Integer::sum);
        }
        int connections = perEndpoint.values().stream().mapToInt(Integer::intValue).max().orElse(1);
        return new Shard(index, credential, new ArrayList<>(symbols), connections);
    }

    private static int symbolCount(Map<String, List<String>> symbolsByEndpoint) {
        return symbolsByEndpoint.values().stream().mapToInt(list -> new LinkedHashSet<>(list).size()).sum();
    }

    private static String describe(Map<String, Limits> limits) {
        List<String> parts = new ArrayList<>();
        limits.forEach((endpoint, limit) -> parts.add(endpoint + ": " + limit.maxSymbolsPerConnection()
                + " symbols per connection, " + limit.maxConnections() + " connection(s) per credential"));
        return String.join("; ", parts);
    }
}
