package dev.tokenscale.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusResponseTest {

    @Test
    void aVectorAnswerKeepsEverySeriesWithItsLabelsAndPrometheusSpecialValues() {
        String body = """
                {"status":"success","data":{"resultType":"vector","result":[
                  {"metric":{"namespace":"a","pod":"p-0","le":"+Inf"},"value":[1733000000.5,"12.5"]},
                  {"metric":{"namespace":"a","pod":"p-1"},"value":[1733000000,"NaN"]},
                  {"value":[1733000000.5,"-Inf"],"metric":{}}
                ]},"warnings":["ignored"]}""";

        assertThat(PrometheusResponse.parseVector(200, body)).isEqualTo(new QueryResult.Vector(List.of(
                new QueryResult.LabeledSample(Map.of("namespace", "a", "pod", "p-0", "le", "+Inf"), 12.5),
                new QueryResult.LabeledSample(Map.of("namespace", "a", "pod", "p-1"), Double.NaN),
                new QueryResult.LabeledSample(Map.of(), Double.NEGATIVE_INFINITY))));
    }

    @Test
    void anEmptyVectorIsNoSeriesAndTheResultTypeMayComeLast() {
        assertThat(PrometheusResponse.parseVector(200, "{\"data\":{\"result\":[],\"resultType\":\"vector\"},\"status\":\"success\"}"))
                .isEqualTo(new QueryResult.NoSeries());
    }

    @Test
    void anAnswerTheStreamCannotReadIsExplainedAsBefore() {
        assertThat(PrometheusResponse.parseVector(200,
                "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,\"5d\"]}]}}"))
                .isEqualTo(new QueryResult.Failed(QueryFailure.MALFORMED_ANSWER, "sample value '5d' is not a number"));
        assertThat(PrometheusResponse.parseVector(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}"))
                .isInstanceOfSatisfying(QueryResult.Failed.class, f -> assertThat(f.failure()).isEqualTo(QueryFailure.BAD_QUERY));
        assertThat(PrometheusResponse.parseVector(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"a\":1},\"value\":[1,\"5\"]}]}}"))
                .isEqualTo(new QueryResult.Vector(List.of(new QueryResult.LabeledSample(Map.of("a", "1"), 5))));
        assertThat(PrometheusResponse.parseVector(503, "{\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"busy\"}"))
                .isEqualTo(new QueryResult.Failed(QueryFailure.SERVER_ERROR, "HTTP 503: unavailable: busy"));
    }
}
