package io.marketfeed.provider.alltick;

import static io.marketfeed.provider.alltick.Frames.RECEIVED_AT;
import static io.marketfeed.provider.alltick.Frames.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.api.protocol.LimitsUpdate;
import io.marketfeed.api.protocol.OutboundFrame;
import io.marketfeed.api.protocol.Topics;
import io.marketfeed.testkit.RecordingDecodeOutput;
import io.marketfeed.testkit.RecordingDecodeOutput.Acknowledged;
import io.marketfeed.testkit.RecordingDecodeOutput.Heartbeat;
import io.marketfeed.testkit.RecordingDecodeOutput.Limits;
import io.marketfeed.testkit.RecordingDecodeOutput.NotApplied;
import io.marketfeed.testkit.RecordingDecodeOutput.Problem;
import io.marketfeed.testkit.RecordingDecodeOutput.Rejected;
import io.marketfeed.testkit.RecordingDecodeOutput.Unsubscribed;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Requests as sent, responses matched back to them, and every ret classified. */
class TestAlltickSession {

    private static final Pattern SEQ_AND_TRACE = Pattern.compile("\"seq_id\":(\\d+),\"trace\":\"([^\"]*)\"");
    private static final Duration RECONNECT_GAP = Duration.ofSeconds(3);

    private final Set<String> reported = new HashSet<>();
    private final AlltickSession session = session(AlltickChannel.STOCK, reported);
    private final RecordingDecodeOutput out = new RecordingDecodeOutput();

    // ---------------------------------------------------------------- requests

    @Test
    void theTradeListIsTheWholeListInSymbolList() {
        assertEquals("{\"cmd_id\":22004,\"seq_id\":1,\"trace\":\"t-1\",\"data\":{\"symbol_list\":[{\"code\":\"700.HK\"},"
                + "{\"code\":\"AAPL.US\"}]}}", session.subscribe(Topics.TRADES, List.of("700.HK", "AAPL.US")).text());
    }

    @Test
    void theOrderBookListCarriesDepthLevelOnEveryCode() {
        assertEquals("{\"cmd_id\":22002,\"seq_id\":1,\"trace\":\"t-1\",\"data\":{\"symbol_list\":[{\"code\":\"700.HK\","
                + "\"depth_level\":5},{\"code\":\"UNH.US\",\"depth_level\":5}]}}",
                session.subscribe(Topics.BOOK, List.of("700.HK", "UNH.US")).text());
    }

    @Test
    void anEmptiedListIsCancelledByItsType() {
        assertEquals("{\"cmd_id\":22006,\"seq_id\":1,\"trace\":\"t-1\",\"data\":{\"cancel_type\":2}}",
                session.unsubscribe(Topics.TRADES, List.of("AAPL.US")).orElseThrow().text());
        assertEquals("{\"cmd_id\":22006,\"seq_id\":2,\"trace\":\"t-2\",\"data\":{\"cancel_type\":1}}",
                session.unsubscribe(Topics.BOOK, List.of("700.HK")).orElseThrow().text());
    }

    @Test
    void theHeartbeatHasEmptyData() {
        assertEquals("{\"cmd_id\":22000,\"seq_id\":1,\"trace\":\"t-1\",\"data\":{}}",
                session.heartbeat().orElseThrow().text());
    }

    @Test
    void everyRequestHasItsOwnSeqIdAndTrace() {
        Set<String> traces = new HashSet<>();
        for (int i = 1; i <= 50; i++) {
            OutboundFrame frame = i % 3 == 0 ? session.heartbeat().orElseThrow()
                    : session.subscribe(i % 2 == 0 ? Topics.TRADES : Topics.BOOK, List.of("AAPL.US"));
            Matcher matcher = SEQ_AND_TRACE.matcher(frame.text());
            assertTrue(matcher.find(), frame.text());
            assertEquals(Integer.toString(i), matcher.group(1));
            assertTrue(traces.add(matcher.group(2)), "trace repeated: " + matcher.group(2));
        }
    }

    @Test
    void codesAreEscapedAsJsonStrings() {
        String text = session.subscribe(Topics.TRADES, List.of("A\"B\\C")).text();
        assertTrue(text.contains("{\"code\":\"A\\\"B\\\\C\"}"), text);
    }

    // ---------------------------------------------------------------- responses matched to requests

    @Test
    void anAcceptedListIsAcknowledgedWithItsCodes() {
        OutboundFrame request = session.subscribe(Topics.TRADES, List.of("700.HK", "AAPL.US"));
        decode(response(request, 200, "ok"));
        assertEquals(List.of(new Acknowledged(Topics.TRADES, List.of("700.HK", "AAPL.US"))), out.calls());
    }

    @Test
    void responsesMayArriveInAnyOrder() {
        OutboundFrame trades = session.subscribe(Topics.TRADES, List.of("AAPL.US"));
        OutboundFrame book = session.subscribe(Topics.BOOK, List.of("700.HK"));
        OutboundFrame ping = session.heartbeat().orElseThrow();
        decode(response(ping, 200, "ok"));
        decode(response(book, 200, "ok"));
        decode(response(trades, 200, "ok"));
        assertEquals(List.of(new Heartbeat(), new Acknowledged(Topics.BOOK, List.of("700.HK")),
                new Acknowledged(Topics.TRADES, List.of("AAPL.US"))), out.calls());
    }

    @Test
    void aCancelIsConfirmedAsUnsubscribed() {
        OutboundFrame cancel = session.unsubscribe(Topics.BOOK, List.of("700.HK")).orElseThrow();
        decode(response(cancel, 200, "ok"));
        assertEquals(List.of(new Unsubscribed(Topics.BOOK, List.of("700.HK"))), out.calls());
    }

    @Test
    void matchedByTraceWhenTheSeqIdDoesNotMatch() {
        session.subscribe(Topics.TRADES, List.of("AAPL.US"));
        OutboundFrame second = session.subscribe(Topics.BOOK, List.of("700.HK"));
        decode("{\"ret\":200,\"msg\":\"ok\",\"cmd_id\":22003,\"seq_id\":99,\"trace\":\"" + trace(second)
                + "\",\"data\":{}}");
        assertEquals(List.of(new Acknowledged(Topics.BOOK, List.of("700.HK"))), out.calls());
    }

    @Test
    void matchedBySeqIdWhenTheTraceIsMissingAndSeqIdAsAString() {
        session.subscribe(Topics.TRADES, List.of("AAPL.US"));
        decode("{\"ret\":\"200\",\"msg\":\"ok\",\"cmd_id\":22005,\"seq_id\":\"1\",\"data\":{}}");
        assertEquals(List.of(new Acknowledged(Topics.TRADES, List.of("AAPL.US"))), out.calls());
    }

    @Test
    void anUnmatchedAcknowledgementConfirmsTheTopic() {
        decode(Frames.text("trades-response.json"));
        assertEquals(List.of(new Acknowledged(Topics.TRADES, List.of())), out.calls());
    }

    // ---------------------------------------------------------------- ret classification

    @Test
    void ret401IsFatalAndSaysWhatToFix() {
        OutboundFrame request = session.subscribe(Topics.TRADES, List.of("AAPL.US"));
        decode(response(request, 401, "token invalid"));
        Disposition problem = out.singleProblem();
        assertEquals(Disposition.Kind.FATAL, problem.kind());
        assertTrue(problem.message().contains("ALLTICK_TOKEN") && problem.message().contains("expired"),
                problem.message());
    }

    @Test
    void ret401OutsideAnyRequestIsFatalToo() {
        decode(Frames.text("token-invalid.json"));
        assertEquals(Disposition.Kind.FATAL, out.singleProblem().kind());
    }

    @Test
    void ret600DropsOnlyTheCodesTheRefusedListAdded() {
        accept(Topics.TRADES, List.of("AAPL.US", "MSFT.US"));
        OutboundFrame refused = session.subscribe(Topics.TRADES, List.of("AAPL.US", "EURUSD", "MSFT.US"));
        decode(response(refused, 600, "code invalid"));
        Rejected rejected = out.single(Rejected.class);
        assertEquals(Topics.TRADES, rejected.topic());
        assertEquals(List.of("EURUSD"), rejected.symbols());
        assertTrue(rejected.reason().contains("ret 600") && rejected.reason().contains("stock endpoint"),
                rejected.reason());
    }

    @Test
    void ret600OnAFirstListDropsItAllAndSaysWhy() {
        OutboundFrame refused = session.subscribe(Topics.BOOK, List.of("HK-1288", "700.HK"));
        decode(response(refused, 600, "code invalid"));
        Rejected rejected = out.single(Rejected.class);
        assertEquals(List.of("HK-1288", "700.HK"), rejected.symbols());
        assertTrue(rejected.reason().contains("does not say which"), rejected.reason());
    }

    @Test
    void ret600NamingItsCodeDropsExactlyThatOneAndSendsTheRestAgain() {
        OutboundFrame refused = session.subscribe(Topics.TRADES, List.of("AAPL.US", "NOPE.US"));
        decode(response(refused, 600, "code invalid").replace("\"data\":{}", "\"data\":{\"code\":\"NOPE.US\"}"));
        assertEquals(List.of("NOPE.US"), ((Rejected) out.calls().get(0)).symbols());
        assertEquals(List.of("AAPL.US"), ((NotApplied) out.calls().get(1)).symbols(),
                "nothing of a refused list was applied, AAPL.US included");
        assertEquals(2, out.calls().size());
    }

    @Test
    void aRefusedListThatAlsoRemovedCodesIsSentAgainWithoutTheRefusedOnes() {
        accept(Topics.TRADES, List.of("AAPL.US", "MSFT.US"));
        OutboundFrame refused = session.subscribe(Topics.TRADES, List.of("AAPL.US", "TSLA.US"));
        decode(response(refused, 600, "code invalid"));
        assertEquals(new Rejected(Topics.TRADES, List.of("TSLA.US"), ((Rejected) out.calls().get(0)).reason()),
                out.calls().get(0));
        NotApplied again = (NotApplied) out.calls().get(1);
        assertEquals(List.of("AAPL.US"), again.symbols(), "AllTick still serves MSFT.US until the list goes again");
        assertTrue(again.reason().contains("ret 600"), again.reason());
    }

    @Test
    void ret604DropsTheNewCodesForThePlan() {
        accept(Topics.BOOK, List.of("700.HK"));
        OutboundFrame refused = session.subscribe(Topics.BOOK, List.of("600519.SH", "700.HK"));
        decode(response(refused, 604, "code unauthorized"));
        Rejected rejected = out.single(Rejected.class);
        assertEquals(List.of("600519.SH"), rejected.symbols());
        assertTrue(rejected.reason().contains("plan"), rejected.reason());
    }

    @Test
    void ret600WhenNothingIsNewDropsNothing() {
        accept(Topics.TRADES, List.of("AAPL.US", "MSFT.US"));
        OutboundFrame refused = session.subscribe(Topics.TRADES, List.of("AAPL.US"));
        decode(response(refused, 600, "code invalid"));
        assertEquals(Disposition.Kind.WARN, out.singleProblem().kind());
    }

    @Test
    void ret603LowersTheCodeLimitToTheNextPlanBelowTheList() {
        List<String> codes = codes(150);
        OutboundFrame refused = session.subscribe(Topics.TRADES, codes);
        decode(response(refused, 603, "token level not enough"));
        assertEquals(new Limits(new LimitsUpdate(OptionalInt.of(100), OptionalInt.of(100), OptionalInt.empty(), "")),
                out.calls().get(0), "the smaller limit first, so that the list goes again within it");
        NotApplied again = (NotApplied) out.calls().get(1);
        assertEquals(codes, again.symbols());
        assertTrue(again.reason().contains("at most 100 codes") && again.reason().contains("plan"), again.reason());
        assertEquals(2, out.calls().size());
    }

    @Test
    void ret603OnAListAtTheSmallestLimitRejectsIt() {
        OutboundFrame refused = session.subscribe(Topics.TRADES, List.of("AAPL.US", "MSFT.US"));
        decode(response(refused, 603, "token level not enough"));
        assertEquals(List.of("AAPL.US", "MSFT.US"), out.single(Rejected.class).symbols());
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 605})
    void rateLimitsBackOffForAMinute(int ret) {
        OutboundFrame request = session.subscribe(Topics.TRADES, List.of("AAPL.US"));
        decode(response(request, ret, "rate limit"));
        Disposition problem = out.singleProblem();
        assertEquals(Disposition.Kind.RETRY, problem.kind());
        assertEquals(Duration.ofMinutes(1), problem.minDelay());
    }

    @Test
    void ret606ReconnectsAfterTheReconnectGap() {
        OutboundFrame request = session.subscribe(Topics.TRADES, List.of("AAPL.US"));
        decode(response(request, 606, "too many requests and connection will be closed"));
        Disposition problem = out.singleProblem();
        assertEquals(Disposition.Kind.RETRY, problem.kind());
        assertEquals(RECONNECT_GAP, problem.minDelay());
        assertTrue(problem.message().contains("ret 606"), problem.message());
    }

    @Test
    void malformedRequestsAreBugsAndNotRepeated() {
        decode(Frames.text("header-invalid.json"));
        Disposition problem = out.singleProblem();
        assertEquals(Disposition.Kind.WARN, problem.kind());
        assertTrue(problem.message().contains("ret 201") && problem.message().contains("bug"), problem.message());
    }

    @Test
    void anUnknownRetIsAWarning() {
        OutboundFrame request = session.heartbeat().orElseThrow();
        decode(response(request, 777, "who knows"));
        Disposition problem = out.singleProblem();
        assertEquals(Disposition.Kind.WARN, problem.kind());
        assertTrue(problem.message().contains("heartbeat") && problem.message().contains("777"), problem.message());
    }

    // ---------------------------------------------------------------- codes not served

    @Test
    void aSilentTailFromAPlanLimitIsReportedOnce() {
        List<String> codes = List.of("A1", "A2", "A3", "A4", "A5", "A6", "A7");
        accept(Topics.TRADES, codes);
        Instant start = RECEIVED_AT;
        for (String code : List.of("A1", "A2", "A4")) {
            session.decode(trade(code, start.plusSeconds(1)), out);
        }
        session.decode(trade("A1", start.plusSeconds(59)), out);
        assertTrue(out.calls(Problem.class).isEmpty(), "not before the window ends");
        session.decode(trade("A2", start.plusSeconds(61)), out);
        Disposition warning = out.calls(Problem.class).get(0).disposition();
        assertEquals(Disposition.Kind.WARN, warning.kind());
        assertTrue(warning.message().contains("A6, A7") && warning.message().contains("first 5 of the 7"),
                warning.message());
        assertEquals(1, out.calls(Problem.class).size());

        AlltickSession next = session(AlltickChannel.STOCK, reported);
        RecordingDecodeOutput nextOut = new RecordingDecodeOutput();
        next.decode(json(response(next.subscribe(Topics.TRADES, codes), 200, "ok")), nextOut);
        next.decode(trade("A1", start.plusSeconds(1)), nextOut);
        next.decode(trade("A1", start.plusSeconds(120)), nextOut);
        assertTrue(nextOut.calls(Problem.class).isEmpty(), "reported once per provider instance, not per connection");
    }

    @Test
    void aSilentTailThatDoesNotStartAtAPlanLimitIsIlliquidNotIgnored() {
        List<String> codes = List.of("A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8");
        accept(Topics.TRADES, codes);
        for (String code : List.of("A1", "A6")) {
            session.decode(trade(code, RECEIVED_AT.plusSeconds(1)), out);
        }
        session.decode(trade("A1", RECEIVED_AT.plusSeconds(61)), out);
        assertTrue(out.calls(Problem.class).isEmpty(), () -> "A7, A8 follow a code that delivered: " + out.calls());
    }

    @Test
    void nothingDeliveredAtAllIsAQuietMarketNotAPlanLimit() {
        accept(Topics.TRADES, codes(7));
        session.decode(json(response(session.heartbeat().orElseThrow(), 200, "ok"), RECEIVED_AT.plusSeconds(90)), out);
        assertTrue(out.calls(Problem.class).isEmpty());
    }

    @Test
    void theIgnoredTailStartsAtTheSmallestPlanLimitAfterTheLastDeliveringCode() {
        List<String> codes = codes(250);
        assertEquals(100, NotServedCodes.ignoredFrom(codes, Set.of(codes.get(0), codes.get(99))));
        assertEquals(200, NotServedCodes.ignoredFrom(codes, Set.of(codes.get(100))));
        assertEquals(5, NotServedCodes.ignoredFrom(codes, Set.of(codes.get(2))));
        assertEquals(-1, NotServedCodes.ignoredFrom(codes, Set.of(codes.get(249))));
        assertEquals(-1, NotServedCodes.ignoredFrom(codes, Set.of()));
    }

    // ---------------------------------------------------------------- helpers

    private void accept(String topic, List<String> codes) {
        OutboundFrame request = session.subscribe(topic, codes);
        RecordingDecodeOutput ignored = new RecordingDecodeOutput();
        session.decode(json(response(request, 200, "ok")), ignored);
        assertEquals(List.of(new Acknowledged(topic, codes)), ignored.calls());
    }

    private void decode(String text) {
        session.decode(json(text), out);
    }

    /** A response echoing the request's cmd_id + 1, seq_id and trace, as AllTick answers. */
    static String response(OutboundFrame request, int ret, String msg) {
        Matcher cmd = Pattern.compile("\"cmd_id\":(\\d+)").matcher(request.text());
        assertTrue(cmd.find());
        Matcher ids = SEQ_AND_TRACE.matcher(request.text());
        assertTrue(ids.find());
        return "{\"ret\":" + ret + ",\"msg\":\"" + msg + "\",\"cmd_id\":" + (Integer.parseInt(cmd.group(1)) + 1)
                + ",\"seq_id\":" + ids.group(1) + ",\"trace\":\"" + ids.group(2) + "\",\"data\":{}}";
    }

    private static String trace(OutboundFrame request) {
        Matcher ids = SEQ_AND_TRACE.matcher(request.text());
        assertTrue(ids.find());
        return ids.group(2);
    }

    private static InboundFrame trade(String code, Instant at) {
        return json("{\"cmd_id\":22998,\"data\":{\"code\":\"" + code + "\",\"seq\":\"1\",\"tick_time\":\"1677831545217\","
                + "\"price\":\"1.00\",\"volume\":\"1\",\"trade_direction\":0}}", at);
    }

    private static List<String> codes(int count) {
        return java.util.stream.IntStream.rangeClosed(1, count).mapToObj(i -> String.format("C%04d", i)).toList();
    }

    private static AlltickSession session(AlltickChannel channel, Set<String> reported) {
        return new AlltickSession(channel, 5, "t-", RECONNECT_GAP,
                new NotServedCodes("alltick/" + channel.endpointId() + "#1", channel, Duration.ofSeconds(60),
                        reported));
    }
}
