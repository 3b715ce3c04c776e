package io.marketfeed.bench.sinks;

import io.marketfeed.sink.HoconSinkConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

/** The stores that need no server: an SQLite file and a folder of JSON lines files, in a temporary folder. */
final class LocalStores {

    private LocalStores() {
    }

    /** {@code type = sqlite}: one database file per area, the sink's defaults otherwise (WAL, synchronous normal). */
    static final class Sqlite implements Store {
        private final Path dir;

        Sqlite(Path dir) throws IOException {
            this.dir = Files.createDirectories(dir);
        }

        @Override
        public String type() {
            return "sqlite";
        }

        @Override
        public String describe() {
            return "a database file on the local disk, the sink's defaults (WAL journal, synchronous = normal)";
        }

        @Override
        public HoconSinkConfig config(String area) {
            return HoconSinkConfig.parse("type = sqlite\nname = " + area + "\npath = \"" + file(area) + "\"", dir);
        }

        @Override
        public long count(String area) throws Exception {
            try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file(area));
                    Statement sql = db.createStatement();
                    ResultSet rows = sql.executeQuery("SELECT (SELECT count(*) FROM quotes) + (SELECT count(*) "
                            + "FROM trades)")) {
                rows.next();
                return rows.getLong(1);
            }
        }

        /** The database file and what its journal left next to it. */
        @Override
        public long bytes(String area) throws IOException {
            try (Stream<Path> files = Files.list(dir)) {
                String name = file(area).getFileName().toString();
                return files.filter(file -> file.getFileName().toString().startsWith(name)).mapToLong(DiskUsage::of)
                        .sum();
            }
        }

        private Path file(String area) {
            return dir.resolve(area + ".db");
        }

        @Override
        public void close() {
            DiskUsage.delete(dir);
        }
    }

    /** {@code type = file}: a folder of JSON lines files per area, the sink's defaults otherwise (no gzip). */
    static final class JsonFiles implements Store {
        private final Path dir;

        JsonFiles(Path dir) throws IOException {
            this.dir = Files.createDirectories(dir);
        }

        @Override
        public String type() {
            return "file";
        }

        @Override
        public String describe() {
            return "JSON lines files in a folder on the local disk, the sink's defaults (256 MiB parts, no gzip)";
        }

        @Override
        public HoconSinkConfig config(String area) {
            return HoconSinkConfig.parse("type = file\nname = " + area + "\ndir = \"" + dir.resolve(area) + "\"", dir);
        }

        /** The lines of every file in the area's folder. */
        @Override
        public long count(String area) throws IOException {
            long lines = 0;
            List<Path> files;
            try (Stream<Path> listing = Files.walk(dir.resolve(area))) {
                files = listing.filter(Files::isRegularFile).toList();
            }
            byte[] buffer = new byte[1 << 16];
            for (Path file : files) {
                try (InputStream in = Files.newInputStream(file)) {
                    for (int read; (read = in.read(buffer)) > 0; ) {
                        for (int i = 0; i < read; i++) {
                            if (buffer[i] == '\n') {
                                lines++;
                            }
                        }
                    }
                }
            }
            return lines;
        }

        @Override
        public long bytes(String area) {
            return DiskUsage.of(dir.resolve(area));
        }

        @Override
        public void close() {
            DiskUsage.delete(dir);
        }
    }
}
