package com.example.marketfeed.simplejson;

import io.marketfeed.toolkit.TextFields;
import java.util.ArrayList;
import java.util.List;

/**
 * One server message as parsed: the envelope, {@code args}, and the fields of {@code data}, each scalar kept as the
 * text it had on the wire ({@link TextFields}: {@code 64012.50} keeps its scale, and a number sent as a string reads
 * the same). Any part may be absent. One per connection, cleared and refilled for each frame by
 * {@link SimplejsonFrameReader}; valid until the next frame. Not thread safe.
 */
final class SimplejsonMessage {

    /** {@code event}, {@code topic}, {@code channel}, {@code code}, {@code msg}. */
    final TextFields<SimplejsonField> top = new TextFields<>(SimplejsonField.class);
    /** The fields of a push's {@code data}. */
    final TextFields<SimplejsonField> data = new TextFields<>(SimplejsonField.class);
    /** The symbols an acknowledgement or error names, trimmed, blanks left out (control messages only). */
    final List<String> args = new ArrayList<>();

    void clear() {
        top.clear();
        data.clear();
        args.clear();
    }
}
