package dev.tokenscale.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VectorReaderTest {

    private static final String ANSWER = """
            {"status":"success","data":{"resultType":"vector","result":[
              {"metric":{"namespace":"a","pod":"p-0","le":"+Inf"},"value":[1733000000.5,"12.5"]},
              {"metric":{"namespace":"a","pod":"pöd-1"},"value":[1733000000,"NaN"]},
              {"value":[1733000000.5,"-Inf"],"metric":{}}
            ],"stats":{"timings":{"evalTotalTime":0.1},"samples":[1,[2,3]]}},"warnings":["ignored"],"infos":[]}""";

    private static final QueryResult SERIES = new QueryResult.Vector(List.of(
            new QueryResult.LabeledSample(Map.of("namespace", "a", "pod", "p-0", "le", "+Inf"), 12.5),
            new QueryResult.LabeledSample(Map.of("namespace", "a", "pod", "pöd-1"), Double.NaN),
            new QueryResult.LabeledSample(Map.of(), Double.NEGATIVE_INFINITY)));

    @Test
    void anAnswerFedOneByteAtATimeGivesTheSameSeriesAsTheWholeAnswer() {
        byte[] bytes = ANSWER.getBytes(StandardCharsets.UTF_8);
        VectorReader reader = new VectorReader();
        for (byte b : bytes) {
            reader.feed(ByteBuffer.wrap(new byte[] {b}));
        }
        reader.finish();

        assertThat(reader.unreadable()).isFalse();
        assertThat(reader.result()).isEqualTo(SERIES).isEqualTo(VectorReader.of(bytes).result());
    }

    @Test
    void theReaderConsumesEachBufferSoTheSenderMayReuseIt() {
        byte[] bytes = ANSWER.getBytes(StandardCharsets.UTF_8);
        VectorReader reader = new VectorReader();
        ByteBuffer reused = ByteBuffer.allocate(7);
        for (int at = 0; at < bytes.length; at += 7) {
            reused.clear();
            reused.put(bytes, at, Math.min(7, bytes.length - at)).flip();
            reader.feed(reused);
            reused.clear();
            while (reused.hasRemaining()) {
                reused.put((byte) 'x');
            }
        }
        reader.finish();

        assertThat(reader.result()).isEqualTo(SERIES);
    }

    @Test
    void everyOtherShapeIsUnreadableSoItIsWordedFromItsText() {
        assertThat(unreadable("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error\"}")).isTrue();
        assertThat(unreadable("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},\"values\":[[1,\"2\"]]}]}}")).isTrue();
        assertThat(unreadable("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"2\"]}}")).isTrue();
        assertThat(unreadable("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,\"5d\"]}]}}")).isTrue();
        assertThat(unreadable("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"a\":1},\"value\":[1,\"5\"]}]}}")).isTrue();
        assertThat(unreadable("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{}}]}}")).isTrue();
        assertThat(unreadable("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}")).as("cut short").isTrue();
        assertThat(unreadable("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}} {}")).as("trailing").isTrue();
        assertThat(unreadable("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\"}}")).as("no result").isTrue();
        assertThat(unreadable("<html>502 Bad Gateway</html>")).isTrue();
        assertThat(unreadable("")).isTrue();
    }

    @Test
    void anEmptyVectorIsNoSeriesWhereverTheResultTypeComes() {
        assertThat(VectorReader.of("{\"data\":{\"result\":[],\"resultType\":\"vector\"},\"status\":\"success\"}".getBytes(StandardCharsets.UTF_8))
                .result()).isEqualTo(new QueryResult.NoSeries());
    }

    @Test
    void labelValuesRepeatedAcrossSeriesAreOneString() {
        String body = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + "{\"metric\":{\"pod\":\"p-0\",\"le\":\"1\"},\"value\":[1,\"1\"]},"
                + "{\"metric\":{\"pod\":\"p-0\",\"le\":\"2\"},\"value\":[1,\"2\"]}]}}";
        List<QueryResult.LabeledSample> series = ((QueryResult.Vector) VectorReader.of(body.getBytes(StandardCharsets.UTF_8)).result()).series();

        assertThat(series.get(0).labels().get("pod")).isSameAs(series.get(1).labels().get("pod"));
    }

    private static boolean unreadable(String body) {
        return VectorReader.of(body.getBytes(StandardCharsets.UTF_8)).unreadable();
    }
}
