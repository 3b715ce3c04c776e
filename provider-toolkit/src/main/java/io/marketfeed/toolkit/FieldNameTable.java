package io.marketfeed.toolkit;

import java.nio.charset.StandardCharsets;

/**
 * Field names interned by their bytes; a bounded number are kept. Frames of one connection mostly carry the
 * same names in the same order, so the name seen at the same place in the previous frame is tried first: one
 * comparison, no hashing. Not thread safe: one per {@link FrameParser}.
 */
final class FieldNameTable {
    private static final int CAPACITY = 1024;
    private static final int REMEMBERED = 64;
    private String[] names = new String[64];
    private byte[][] bytes = new byte[64][];
    private int size;
    private final String[] lastNames = new String[REMEMBERED];
    private final byte[][] lastBytes = new byte[REMEMBERED][];
    private int place;
    /** The length in bytes of the last name {@link #predicted} returned. */
    int predictedLength;

    /** A new frame: names are counted from its start. */
    void frame() {
        place = 0;
    }

    /**
     * The name at this place of the previous frame, when the bytes from {@code start} spell it followed by
     * its closing quote (remembered names have no quote, backslash or non-ASCII byte, so matching them is
     * reading them); otherwise null, and the caller scans the name.
     */
    String predicted(byte[] in, int start, int end) {
        int at = place;
        if (at >= REMEMBERED) {
            return null;
        }
        byte[] last = lastBytes[at];
        if (last == null || start + last.length >= end || in[start + last.length] != '"') {
            return null;
        }
        for (int i = 0; i < last.length; i++) {
            if (last[i] != in[start + i]) {
                return null;
            }
        }
        place++;
        predictedLength = last.length;
        return lastNames[at];
    }

    /** A name that needed decoding: not remembered, but it takes its place. */
    String decoded(String name) {
        place++;
        return name;
    }

    /** A name without escapes or non-ASCII bytes, scanned; remembered for its place. */
    String intern(byte[] in, int start, int length) {
        int at = place++;
        String name = lookUp(in, start, length);
        if (at < REMEMBERED && length <= 64) {
            lastNames[at] = name;
            lastBytes[at] = java.util.Arrays.copyOfRange(in, start, start + length);
        }
        return name;
    }

    private static boolean same(byte[] known, byte[] in, int start, int length) {
        if (known.length != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (known[i] != in[start + i]) {
                return false;
            }
        }
        return true;
    }

    private String lookUp(byte[] in, int start, int length) {
        int hash = 0;
        for (int i = start; i < start + length; i++) {
            hash = 31 * hash + in[i];
        }
        int mask = names.length - 1;
        for (int slot = (hash ^ (hash >>> 16)) & mask;; slot = (slot + 1) & mask) {
            byte[] known = bytes[slot];
            if (known == null) {
                String name = new String(in, start, length, StandardCharsets.ISO_8859_1);
                if (size < CAPACITY && length <= 64) {
                    names[slot] = name;
                    bytes[slot] = java.util.Arrays.copyOfRange(in, start, start + length);
                    if (++size * 2 > names.length) {
                        grow();
                    }
                }
                return name;
            }
            if (same(known, in, start, length)) {
                return names[slot];
            }
        }
    }

    private void grow() {
        String[] oldNames = names;
        byte[][] oldBytes = bytes;
        names = new String[oldNames.length * 2];
        bytes = new byte[oldBytes.length * 2][];
        int mask = names.length - 1;
        for (int i = 0; i < oldNames.length; i++) {
            if (oldBytes[i] != null) {
                int hash = 0;
                for (byte b : oldBytes[i]) {
                    hash = 31 * hash + b;
                }
                int slot = (hash ^ (hash >>> 16)) & mask;
                while (bytes[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                names[slot] = oldNames[i];
                bytes[slot] = oldBytes[i];
            }
        }
    }
}
