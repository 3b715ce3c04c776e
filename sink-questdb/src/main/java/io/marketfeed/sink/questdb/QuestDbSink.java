package io.marketfeed.sink.questdb;

import io.marketfeed.sink.EventBatch;
import io.marketfeed.sink.EventTables;
import io.marketfeed.sink.EventTables.Table;
import io.marketfeed.sink.Sink;
import io.questdb.client.Sender;
import io.questdb.client.cutlass.line.LineSenderException;
import java.io.IOException;

/**
 * Writes events to QuestDB: one table per event kind ({@link EventTables}), laid out as {@link QuestDbSchema}
 * says.
 *
 * <p><b>Transport: ILP over HTTP</b>, with QuestDB's own client ({@code org.questdb:questdb-client}). Each batch is
 * one HTTP request, sent by an explicit flush; {@link #write} returns when the server has answered 204, that is
 * when it has committed the rows to its write-ahead log (which survives a crash of QuestDB; with the server's
 * default {@code cairo.commit.mode=nosync} an operating-system crash may still lose the last commits). A refused
 * row, a lost connection or a silent server makes {@code write} throw, with the server's own reason, within
 * {@code request-timeout}. ILP over TCP was not chosen: it never answers, so neither success nor a refused row
 * would be known without an extra query per batch. QuestDB has no transaction across tables: a batch is
 * committed table by table, and a failure may leave some of its tables written, which the retry then repairs
 * (below).
 *
 * <p><b>Exact decimals.</b> Prices and sizes are {@code DECIMAL(76, 38)} columns (QuestDB 9.2 and later), written
 * as ILP protocol 3 decimals: the value is kept exactly, to 38 digits before and 38 after the point. The column
 * has one scale for all rows, so {@code 1.10} reads back as {@code 1.10000000000000000000000000000000000000}, equal
 * as a number but not in its written scale. A value with more digits than that is refused by the server, never
 * rounded; the write then fails (and is retried) with the server's message naming the column. Decimals are never
 * written as {@code DOUBLE}, and {@link #open} refuses an existing table whose decimal column is not
 * {@code DECIMAL}.
 *
 * <p><b>Idempotence.</b> Every table deduplicates on {@code (received_at, run_id, seq)}: a batch written again
 * replaces its rows with identical ones instead of adding any.
 *
 * <p><b>No {@code latest_quote}.</b> QuestDB's dedup keys must include the designated timestamp, so it cannot keep
 * one row per {@code (provider, symbol)} by upsert, nor merge the fields of partial quotes; its own query gives
 * the latest quote of every symbol from {@code quotes}:
 * {@code SELECT * FROM quotes LATEST ON received_at PARTITION BY provider, symbol}.
 *
 * <p>{@link #open} creates the missing tables and checks the existing ones through the HTTP {@code /exec}
 * endpoint (the same port and login as the writes).
 *
 * <p>Used by one writer thread, as {@link Sink} says.
 */
public final class QuestDbSink implements Sink {

    private final QuestDbSettings settings;
    private final QuestDbSchema schema;
    private final QuestDbSql sql;
    private final QuestDbErrors errors;
    private final IlpRows rows;
    private Sender sender;

    QuestDbSink(QuestDbSettings settings) {
        this.settings = settings;
        this.schema = new QuestDbSchema(settings);
        this.sql = new QuestDbSql(settings);
        this.errors = new QuestDbErrors(settings);
        this.rows = new IlpRows(settings);
    }

    @Override
    public void open() throws IOException {
        if (sender != null) {
            throw new IllegalStateException("already open");
        }
        for (Table table : EventTables.ALL) {
            sql.run(schema.create(table));
            schema.check(table, sql.run(schema.describe(table)));
        }
        try {
            Sender.LineSenderBuilder builder = Sender.builder(Sender.Transport.HTTP).address(settings.host())
                    .port(settings.httpPort()).protocolVersion(Sender.PROTOCOL_VERSION_V3).disableAutoFlush()
                    .retryTimeoutMillis(0).httpTimeoutMillis(settings.requestTimeoutMillis());
            if (settings.username().isPresent()) {
                builder.httpUsernamePassword(settings.username().get(), settings.password().orElse(""));
            }
            sender = builder.build();
        } catch (LineSenderException e) {
            throw errors.writing(e);
        }
    }

    @Override
    public void write(EventBatch batch) throws IOException {
        if (sender == null) {
            throw new IllegalStateException("not open");
        }
        try {
            for (int i = 0; i < batch.size(); i++) {
                rows.add(sender, batch.runId(), batch.sequence(i), batch.event(i));
            }
            sender.flush();
        } catch (LineSenderException e) {
            discardBuffer();
            throw errors.writing(e);
        } catch (RuntimeException e) {
            discardBuffer();
            throw e;
        }
    }

    /** Drops the rows a failed batch left in the buffer, so that neither the next batch nor close sends them. */
    private void discardBuffer() {
        try {
            sender.reset();
        } catch (RuntimeException ignored) {
            // Only the buffer's bookkeeping; close() releases it anyway.
        }
    }

    @Override
    public void close() {
        if (sender != null) {
            Sender closing = sender;
            sender = null;
            try {
                closing.reset();
                closing.close();
            } catch (RuntimeException ignored) {
                // The buffer was empty, so close had nothing to send; what it fails to release dies with the socket.
            }
        }
    }

    @Override
    public String toString() {
        return "QuestDbSink[" + settings.shownUrl() + (settings.tablePrefix().isEmpty() ? ""
                : ", table-prefix " + settings.tablePrefix()) + "]";
    }
}
