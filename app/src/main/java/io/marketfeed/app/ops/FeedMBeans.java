package io.marketfeed.app.ops;

import static java.util.Objects.requireNonNull;

import io.marketfeed.runtime.FeedSnapshot;
import io.marketfeed.sink.SinkStats;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's numbers as JMX beans on the platform MBean server, the same {@link FeedNumbers} that {@code /metrics}
 * serves: {@code io.marketfeed:type=Feed,name=marketfeed} (uptime), one {@code type=Provider} bean per provider,
 * one {@code type=Listener} per listener (the output, each sink's queue) and one {@code type=Sink} per sink, each
 * named after it. Plain dynamic beans rather than Micrometer's JMX registry: no dependency (that registry brings
 * Dropwizard Metrics), and one bean per provider or sink with its numbers as attributes reads better in JConsole
 * than one bean per meter. {@link #close()} unregisters them.
 *
 * <p>An application embedding {@code MarketFeed} gets them with
 * {@code FeedMBeans.register(new Readings(feed::snapshot, List::of), List.of("sahmk"))}.
 *
 * <p>Registered and closed by one thread (the runner's); the beans themselves are read by JMX threads.
 */
public final class FeedMBeans implements AutoCloseable {

    /** The domain of every bean. */
    public static final String DOMAIN = "io.marketfeed";

    /** The tags that make a bean of their own, in bean-type order. */
    static final List<String> GROUP_TAGS = List.of("provider", "listener", "sink");

    private static final Logger log = LoggerFactory.getLogger(FeedMBeans.class);

    private final MBeanServer server;
    private final List<ObjectName> names;

    private FeedMBeans(MBeanServer server, List<ObjectName> names) {
        this.server = server;
        this.names = List.copyOf(names);
    }

    /**
     * Registers the beans of the feed, of each of {@code providers}, and of every listener and sink a first
     * reading shows. A name already registered (another feed in this JVM) is logged and skipped.
     */
    public static FeedMBeans register(Readings readings, List<String> providers) {
        requireNonNull(readings, "readings is null");
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Readings.Reading first = readings.fresh();
        List<ObjectName> names = new ArrayList<>();
        register(server, names, "Feed", "marketfeed", new SampleGroupMBean(readings, null, null, ""));
        for (String provider : providers) {
            register(server, names, "Provider", provider, new SampleGroupMBean(readings, "provider", provider,
                    "provider."));
        }
        for (FeedSnapshot.ListenerSnapshot listener : first.feed().listeners()) {
            register(server, names, "Listener", listener.name(), new SampleGroupMBean(readings, "listener",
                    listener.name(), "listener."));
        }
        for (SinkStats sink : first.sinks()) {
            register(server, names, "Sink", sink.name(), new SampleGroupMBean(readings, "sink", sink.name(),
                    "sink."));
        }
        return new FeedMBeans(server, names);
    }

    /** {@code io.marketfeed:type=TYPE,name=NAME}, the name quoted when it holds a character JMX reserves. */
    public static ObjectName name(String type, String name) {
        String value = name.matches("[A-Za-z0-9_.\\-/#]+") ? name : ObjectName.quote(name);
        try {
            return new ObjectName(DOMAIN + ":type=" + type + ",name=" + value);
        } catch (JMException e) {
            throw new IllegalArgumentException("not a usable JMX name: " + type + " " + name, e);
        }
    }

    private static void register(MBeanServer server, List<ObjectName> names, String type, String name,
            SampleGroupMBean bean) {
        ObjectName objectName = name(type, name);
        try {
            server.registerMBean(bean, objectName);
            names.add(objectName);
        } catch (JMException e) {
            log.warn("JMX bean {} not registered: {}", objectName, e.toString());
        }
    }

    /** The names registered. */
    public List<ObjectName> names() {
        return names;
    }

    /** Unregisters every bean registered; idempotent. */
    @Override
    public void close() {
        for (ObjectName name : names) {
            try {
                if (server.isRegistered(name)) {
                    server.unregisterMBean(name);
                }
            } catch (JMException e) {
                log.warn("JMX bean {} not unregistered: {}", name, e.toString());
            }
        }
    }
}
