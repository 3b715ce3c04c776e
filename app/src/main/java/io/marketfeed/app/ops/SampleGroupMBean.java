package io.marketfeed.app.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.ReflectionException;

/**
 * One JMX bean: the {@link FeedNumbers} of one provider, listener or sink (or, without a tag, of the feed), as
 * read-only attributes named after the metric without its {@code marketfeed.} and group prefix, followed by the
 * other tag values and the unit: {@code events.quote}, {@code connections.connected}, {@code uptime.seconds}.
 * Counters are {@link Long}, gauges {@link Double}.
 *
 * <p>Called by JMX threads; reads through {@link Readings#recent} so that a tool reading every attribute takes
 * one snapshot, not one per attribute.
 */
final class SampleGroupMBean implements DynamicMBean {

    /** How old a reading JMX may be given. */
    static final Duration MAX_AGE = Duration.ofSeconds(1);

    private final Readings readings;
    private final String tagKey;
    private final String tagValue;
    private final String prefix;

    /**
     * @param tagKey the tag that selects this bean's samples ({@code provider}); null for the samples without any
     *     of {@link FeedMBeans#GROUP_TAGS}
     * @param prefix the group's word in metric names ({@code provider.}, {@code listener.}), left out of attribute
     *     names
     */
    SampleGroupMBean(Readings readings, String tagKey, String tagValue, String prefix) {
        this.readings = readings;
        this.tagKey = tagKey;
        this.tagValue = tagValue;
        this.prefix = prefix;
    }

    /** Attribute name to sample, for this group, from a recent reading. */
    Map<String, FeedNumbers.Sample> samples() {
        Map<String, FeedNumbers.Sample> samples = new LinkedHashMap<>();
        for (FeedNumbers.Sample sample : readings.recent(MAX_AGE).numbers()) {
            if (belongs(sample)) {
                samples.put(attributeName(sample), sample);
            }
        }
        return samples;
    }

    private boolean belongs(FeedNumbers.Sample sample) {
        if (tagKey == null) {
            return FeedMBeans.GROUP_TAGS.stream().noneMatch(sample.metric().tagKeys()::contains);
        }
        return tagValue.equals(sample.tag(tagKey));
    }

    private String attributeName(FeedNumbers.Sample sample) {
        String name = sample.metric().meterName().substring("marketfeed.".length());
        if (name.startsWith(prefix)) {
            name = name.substring(prefix.length());
        }
        StringBuilder attribute = new StringBuilder(name);
        for (Map.Entry<String, String> tag : sample.tags().entrySet()) {
            if (!tag.getKey().equals(tagKey)) {
                attribute.append('.').append(tag.getValue());
            }
        }
        if (sample.metric().unit() != null) {
            attribute.append('.').append(sample.metric().unit());
        }
        return attribute.toString();
    }

    private static Object value(FeedNumbers.Sample sample) {
        return sample.metric().kind() == FeedMetric.Kind.COUNTER ? (Object) Math.round(sample.value())
                : (Object) sample.value();
    }

    @Override
    public Object getAttribute(String attribute) throws AttributeNotFoundException {
        FeedNumbers.Sample sample = samples().get(attribute);
        if (sample == null) {
            throw new AttributeNotFoundException("no attribute '" + attribute + "' (now)");
        }
        return value(sample);
    }

    @Override
    public AttributeList getAttributes(String[] attributes) {
        Map<String, FeedNumbers.Sample> samples = samples();
        AttributeList list = new AttributeList();
        for (String attribute : attributes) {
            FeedNumbers.Sample sample = samples.get(attribute);
            if (sample != null) {
                list.add(new Attribute(attribute, value(sample)));
            }
        }
        return list;
    }

    @Override
    public void setAttribute(Attribute attribute) throws AttributeNotFoundException {
        throw new AttributeNotFoundException("the attributes of " + FeedMBeans.DOMAIN + " beans are read-only");
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
        return new AttributeList();
    }

    @Override
    public Object invoke(String action, Object[] params, String[] signature) throws ReflectionException {
        throw new ReflectionException(new NoSuchMethodException(action), "the " + FeedMBeans.DOMAIN
                + " beans have no operations");
    }

    @Override
    public MBeanInfo getMBeanInfo() {
        List<MBeanAttributeInfo> attributes = new ArrayList<>();
        samples().forEach((name, sample) -> attributes.add(new MBeanAttributeInfo(name,
                sample.metric().kind() == FeedMetric.Kind.COUNTER ? Long.class.getName() : Double.class.getName(),
                sample.metric().help(), true, false, false)));
        return new MBeanInfo(getClass().getName(), "Marketfeed numbers" + (tagKey == null ? "" : " of " + tagKey
                + " " + tagValue), attributes.toArray(new MBeanAttributeInfo[0]), null, null, null);
    }
}
