package io.marketfeed.runtime.record;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the files of a recording folder in name order as one sequence of records. A file that ends early is read
 * up to its last whole record: one whose last record is cut short (the recorder was killed while writing it) is
 * reported as torn, one without its gzip end (killed between records, or still being written) is read without a
 * complaint about the records in it. A file that is not a recording, is of a newer format or is damaged is reported
 * and the rest of it skipped. Every such report goes to {@code warnings}, one line each.
 *
 * <p>Threading: one thread.
 */
final class RecordingReader implements AutoCloseable {

    private final List<Path> files;
    private final Consumer<String> warnings;
    private int next;
    private Path file;
    private DataInputStream in;
    private long recording;
    private long recordsInFile;
    private int filesRead;
    private int torn;
    /** Whether the last record read was read whole: an end of input here cuts no record short. */
    private boolean atRecordStart;

    RecordingReader(List<Path> files, Consumer<String> warnings) {
        this.files = List.copyOf(files);
        this.warnings = warnings;
    }

    /** The recording files in {@code directory}, in the order they are replayed. */
    static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> listing = Files.list(directory)) {
            return listing.filter(path -> RecordFormat.isRecordingFile(path.getFileName().toString())
                    && Files.isRegularFile(path)).sorted().collect(Collectors.toList());
        }
    }

    /** Reads the next record into {@code entry}; false at the end of the last file. */
    boolean next(RecordEntry entry) throws IOException {
        while (true) {
            if (in == null && !open()) {
                return false;
            }
            try {
                int kind = in.read();
                if (kind < 0) {
                    closeFile();
                    continue;
                }
                read((byte) kind, entry);
                recordsInFile++;
                return true;
            } catch (EOFException e) {
                // A record cut short, or a file without its gzip end: both leave the records before them whole.
                if (!atRecordStart) {
                    torn++;
                    warnings.accept(file.getFileName() + ": its last record is cut short (the recorder stopped while "
                            + "writing it); it was ignored");
                }
                closeFile();
            } catch (ZipException e) {
                warnings.accept(file.getFileName() + " is damaged after " + recordsInFile + " records (" + e.getMessage()
                        + "); the rest of it was skipped");
                closeFile();
            }
        }
    }

    private void read(byte kind, RecordEntry entry) throws IOException {
        atRecordStart = false;
        entry.recording = recording;
        entry.kind = kind;
        entry.time = in.readLong();
        switch (kind) {
            case RecordFormat.SESSION:
                entry.ref = in.readInt();
                entry.provider = in.readUTF();
                entry.connection = in.readUTF();
                entry.endpoint = in.readUTF();
                break;
            case RecordFormat.TEXT:
            case RecordFormat.BINARY:
                entry.ref = in.readInt();
                entry.length = in.readInt();
                if (entry.length < 0) {
                    throw new ZipException("a message of negative length " + entry.length);
                }
                if (entry.bytes.length < entry.length) {
                    entry.bytes = new byte[Math.max(entry.length, entry.bytes.length * 2)];
                }
                in.readFully(entry.bytes, 0, entry.length);
                break;
            case RecordFormat.SUBSCRIBE:
            case RecordFormat.UNSUBSCRIBE:
                entry.ref = in.readInt();
                entry.topic = in.readUTF();
                int count = in.readInt();
                entry.symbols.clear();
                for (int i = 0; i < count; i++) {
                    entry.symbols.add(in.readUTF());
                }
                break;
            case RecordFormat.OPEN:
            case RecordFormat.HEARTBEAT:
            case RecordFormat.AUTH:
                entry.ref = in.readInt();
                break;
            case RecordFormat.LOST:
                entry.lostRecords = in.readLong();
                entry.lostBytes = in.readLong();
                entry.lostSince = in.readLong();
                break;
            default:
                throw new ZipException("a record of unknown kind " + kind);
        }
        atRecordStart = true;
    }

    /** Opens the next file and reads its header; false when there is none left. */
    private boolean open() throws IOException {
        while (next < files.size()) {
            file = files.get(next++);
            filesRead++;
            recordsInFile = 0;
            atRecordStart = true;
            InputStream raw = Files.newInputStream(file);
            try {
                in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw, 64 << 10), 64 << 10));
                byte[] magic = new byte[RecordFormat.MAGIC.length];
                in.readFully(magic);
                if (!Arrays.equals(magic, RecordFormat.MAGIC)) {
                    warnings.accept(file.getFileName() + " is not a Marketfeed recording; it was skipped");
                    closeFile();
                    continue;
                }
                int version = in.readUnsignedByte();
                if (version != RecordFormat.VERSION) {
                    warnings.accept(file.getFileName() + " is in recording format " + version + ", this Marketfeed "
                            + "reads format " + RecordFormat.VERSION + "; it was skipped");
                    closeFile();
                    continue;
                }
                recording = in.readLong();
                in.readLong();
                return true;
            } catch (EOFException e) {
                // Killed before its header was flushed: nothing in it.
                warnings.accept(file.getFileName() + " ends before its header (the recorder stopped as it started "
                        + "the file); it was skipped");
                closeQuietly(raw);
                in = null;
            } catch (ZipException e) {
                warnings.accept(file.getFileName() + " is not a Marketfeed recording (" + e.getMessage()
                        + "); it was skipped");
                closeQuietly(raw);
                in = null;
            }
        }
        return false;
    }

    private void closeFile() throws IOException {
        if (in != null) {
            DataInputStream closing = in;
            in = null;
            closing.close();
        }
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            // Nothing was read from it.
        }
    }

    /** Files opened so far. */
    int filesRead() {
        return filesRead;
    }

    /** Records found cut short at the end of a file. */
    int torn() {
        return torn;
    }

    @Override
    public void close() throws IOException {
        closeFile();
    }
}
