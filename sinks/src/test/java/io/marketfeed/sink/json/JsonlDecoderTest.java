package io.marketfeed.sink.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.sink.SampleEvents;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonlDecoderTest {

    @Test
    void everyKindReadsBackEqualToWhatWasEncoded() {
        JsonlEncoder encoder = new JsonlEncoder();
        JsonlDecoder decoder = new JsonlDecoder();
        for (MarketEvent event : SampleEvents.everyKind()) {
            encoder.reset();
            encoder.write(event);
            byte[] line = encoder.toByteArray();
            MarketEvent back = decoder.decode(line, 0, line.length);
            assertEquals(event, back);
            // And the same line again: scale and digits survive ("27.850" stays "27.850").
            encoder.reset();
            encoder.write(back);
            assertEquals(new String(line, StandardCharsets.UTF_8), encoder.text());
        }
    }

    @Test
    void aLineThatIsNoEventIsRefusedWithAReason() {
        JsonlDecoder decoder = new JsonlDecoder();
        byte[] garbage = "{\"type\":\"quote\",\"provider\":".getBytes(StandardCharsets.UTF_8);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> decoder.decode(garbage, 0, garbage.length));
        assertEquals(true, error.getMessage().startsWith("not valid JSON"), error.getMessage());
        byte[] unknown = "{\"type\":\"weather\",\"provider\":\"p\",\"receivedAt\":\"2026-01-01T00:00:00Z\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertThrows(IllegalArgumentException.class, () -> decoder.decode(unknown, 0, unknown.length));
    }
}
