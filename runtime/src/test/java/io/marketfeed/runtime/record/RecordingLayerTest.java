package io.marketfeed.runtime.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.marketfeed.api.protocol.FeedProtocol;
import io.marketfeed.api.protocol.ProtocolSession;
import io.marketfeed.runtime.internal.ForwardingProtocol;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The recording layer passes on every method of the SPI: a method added to {@link FeedProtocol} or
 * {@link ProtocolSession} later, default or not, must be forwarded, or a recording feed would behave differently.
 */
class RecordingLayerTest {

    @Test
    void everyProtocolMethodIsForwarded() {
        // RecordingProtocol forwards through ForwardingProtocol, which must forward every method, defaults included.
        assertEquals(ForwardingProtocol.class, RecordingProtocol.class.getSuperclass());
        assertEquals(List.of(), notOverridden(FeedProtocol.class, ForwardingProtocol.class));
    }

    @Test
    void everySessionMethodIsForwarded() {
        assertEquals(List.of(), notOverridden(ProtocolSession.class, RecordingSession.class));
    }

    private static List<String> notOverridden(Class<?> spi, Class<?> layer) {
        List<String> missing = new ArrayList<>();
        for (Method method : spi.getMethods()) {
            if (Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            try {
                Method implementation = layer.getDeclaredMethod(method.getName(), method.getParameterTypes());
                if (implementation.getDeclaringClass() != layer) {
                    missing.add(method.toString());
                }
            } catch (NoSuchMethodException e) {
                missing.add(method.toString());
            }
        }
        return missing;
    }
}
