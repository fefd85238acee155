package dev.tokenscale.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * One row per bad input a user or a careless script can give a command, run in-process through the
 * same picocli entry point as the jar: the exit code, a fragment of the one line it must print, and
 * never a stack trace. A row that expects exit 0 is an input that is handled rather than refused
 * (help, a corrected time), and its fragment is looked for on stdout. The README's reliability
 * section counts these rows.
 */
class BadInputTest {

    private static final Path EXAMPLES = Path.of("..", "deploy", "examples");
    private static final String NOW = "2026-01-01T00:00:30Z";
    private static final int BAD = 2;
    private static final int OK = 0;

    @TempDir
    Path dir;

    /** Writes the files a row needs into the test's folder and returns their paths as arguments. */
    final class Inputs {

        String pool(String yaml) {
            return write("pool.yaml", yaml.getBytes(StandardCharsets.UTF_8));
        }

        String goodPool() {
            return pool(examplePool());
        }

        /** The shipped example pool with one text replaced, so each row breaks exactly one thing. */
        String poolWith(String from, String to) {
            String pool = examplePool();
            assertThat(pool).contains(from);
            return pool(pool.replace(from, to));
        }

        String signals(String json) {
            return write("signals.json", json.getBytes(StandardCharsets.UTF_8));
        }

        String goodSignals() {
            return signals("{\"ttftP99Ms\": 300, \"tpotP99Ms\": 30, \"utilizationPercent\": 50, \"queueDepth\": 0}");
        }

        String state(String json) {
            return write("state.json", json.getBytes(StandardCharsets.UTF_8));
        }

        String traffic(String csv) {
            return write("traffic.csv", csv.getBytes(StandardCharsets.UTF_8));
        }

        String bytes(String name, byte[] content) {
            return write(name, content);
        }

        String absent(String name) {
            return dir.resolve(name).toString();
        }

        String folder() {
            return dir.toString();
        }

        private String write(String name, byte[] content) {
            try {
                return Files.write(dir.resolve(name), content).toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static Stream<Arguments> rows() {
        return Stream.of(pool(), signals(), state(), explainOptions(), traffic(), simulateOptions(), demo(), emulate(), anyCommand())
                .flatMap(s -> s);
    }

    static Stream<Arguments> pool() {
        return Stream.of(
                row("pool: no such file", in -> explain(in, in.absent("nope.yaml")), BAD, "cannot read the pool file (no such file)"),
                row("pool: a folder", in -> explain(in, in.folder()), BAD, "cannot read the pool file"),
                row("pool: an empty file", in -> explain(in, in.pool("")), BAD, "is empty; expected an InferencePool manifest"),
                row("pool: only a comment", in -> explain(in, in.pool("# nothing here\n")), BAD, "is empty"),
                row("pool: a second YAML document", in -> explain(in, in.pool(examplePool() + "---\n" + examplePool())), BAD,
                        "holds 2 YAML documents; give exactly one InferencePool per file"),
                row("pool: a duplicate key", in -> explain(in, in.poolWith("  maxReplicas: 16\n", "  maxReplicas: 16\n  maxReplicas: 3\n")), BAD,
                        "duplicate key 'maxReplicas'"),
                row("pool: a tab in the indentation", in -> explain(in, in.poolWith("  minReplicas: 2", "\tminReplicas: 2")), BAD,
                        "tabs are not allowed for indentation"),
                row("pool: a binary file", in -> explain(in, in.bytes("pool.yaml", new byte[] {0x7f, 'E', 'L', 'F', 0, 0, 1})), BAD,
                        "is binary (a NUL byte at offset 4), not text"),
                row("pool: Latin-1 instead of UTF-8", in -> explain(in, in.bytes("pool.yaml",
                        "metadata: {name: caf\u00e9}\n".getBytes(StandardCharsets.ISO_8859_1))), BAD, "is not UTF-8 text"),
                row("pool: larger than 1 MB", in -> explain(in, in.pool(examplePool() + ("#" + "x".repeat(99) + "\n").repeat(11_000))), BAD,
                        "is larger than 1 MB, the most it may be; refused before parsing"),
                row("pool: an endless device", in -> explain(in, "/dev/zero"), BAD, "larger than 1 MB"),
                row("pool: maxReplicas beyond an int", in -> explain(in, in.poolWith("maxReplicas: 16", "maxReplicas: 99999999999")), BAD,
                        "spec.maxReplicas: too large for a whole number"),
                row("pool: maxStepUp 2147483647", in -> explain(in, in.poolWith("maxStepUp: 1", "maxStepUp: 2147483647")), BAD,
                        "spec.scaling.maxStepUp: 2147483647 is above the maximum of 1000"),
                row("pool: maxStepUp 2147483648", in -> explain(in, in.poolWith("maxStepUp: 1", "maxStepUp: 2147483648")), BAD,
                        "spec.scaling.maxStepUp: too large"),
                row("pool: maxStepDown 0", in -> explain(in, in.poolWith("maxStepDown: 1", "maxStepDown: 0")), BAD,
                        "spec.scaling.maxStepDown: 0 is below the minimum of 1"),
                row("pool: gpusPerReplica 1025", in -> explain(in, in.poolWith("gpusPerReplica: 8", "gpusPerReplica: 1025")), BAD,
                        "spec.cost.gpusPerReplica: 1025 is above the maximum of 1024"),
                row("pool: gpuHourlyCost 1e308", in -> explain(in, in.poolWith("gpuHourlyCost: 2.00", "gpuHourlyCost: 1e308")), BAD,
                        "spec.cost.gpuHourlyCost: 1.0E308 is above the maximum of 10000"),
                row("pool: gpuHourlyCost 1e400", in -> explain(in, in.poolWith("gpuHourlyCost: 2.00", "gpuHourlyCost: 1e400")), BAD,
                        "spec.cost.gpuHourlyCost: is too large"),
                row("pool: gpuHourlyCost .nan", in -> explain(in, in.poolWith("gpuHourlyCost: 2.00", "gpuHourlyCost: .nan")), BAD,
                        "Malformed numeric value '.nan'"),
                row("pool: overheadPercent 1001", in -> explain(in, in.poolWith("overheadPercent: 5", "overheadPercent: 1001")), BAD,
                        "spec.cost.overheadPercent: 1001 is above the maximum of 1000"),
                row("pool: the wrong kind", in -> explain(in, in.poolWith("kind: InferencePool", "kind: Deployment")), BAD,
                        "kind: expected InferencePool, got 'Deployment'"),
                row("pool: the Gateway API's InferencePool", in -> explain(in, in.poolWith("apiVersion: tokenscale.dev/v1alpha1",
                        "apiVersion: inference.networking.x-k8s.io/v1alpha2")), BAD, "Gateway API Inference Extension"),
                row("pool: a list, not a mapping", in -> explain(in, in.pool("- a\n- b\n")), BAD, "(a YAML mapping), got a array"),
                row("pool: a misspelt field", in -> explain(in, in.poolWith("maxReplicas: 16", "maxReplica: 16")), BAD,
                        "spec.maxReplica: unknown field"),
                row("pool: a quoted number", in -> explain(in, in.poolWith("maxReplicas: 16", "maxReplicas: \"16\"")), BAD,
                        "spec.maxReplicas: expected a whole number"),
                row("pool: a fractional replica count", in -> explain(in, in.poolWith("maxReplicas: 16", "maxReplicas: 2.5")), BAD,
                        "spec.maxReplicas"),
                row("pool: minReplicas above maxReplicas", in -> explain(in, in.poolWith("minReplicas: 2", "minReplicas: 20")), BAD,
                        "spec.minReplicas: 20 is greater than spec.maxReplicas 16"),
                row("pool: an evaluation interval under 1s", in -> explain(in, in.poolWith("evaluationInterval: 15s", "evaluationInterval: 500ms")), BAD,
                        "spec.evaluationInterval: '500ms' is shorter than 1s"),
                row("pool: a cooldown that overflows", in -> explain(in, in.poolWith("scaleUp: 60s", "scaleUp: 99999999999999999999m")), BAD,
                        "spec.cooldown.scaleUp: '99999999999999999999m' is too long a duration"),
                row("pool: scale-down threshold above scale-up", in -> explain(in, in.poolWith("scaleDownBelowPercent: 30", "scaleDownBelowPercent: 90")), BAD,
                        "must be lower than spec.utilization.scaleUpAbovePercent"),
                row("pool: an unknown preset", in -> explain(in, in.poolWith("preset: vllm", "preset: tgi")), BAD,
                        "spec.metrics.preset: 'tgi' is not a known preset"),
                row("pool: unclosed YAML", in -> explain(in, in.pool("spec: [maxReplicas: 3\n  oops")), BAD, "not valid syntax at line"));
    }

    static Stream<Arguments> signals() {
        return Stream.of(
                row("signals: a negative utilization", in -> explain(in, in.goodPool(), in.signals("{\"utilizationPercent\": -5}")), BAD,
                        "utilizationPercent: must not be negative, got -5"),
                row("signals: a number past double", in -> explain(in, in.goodPool(), in.signals("{\"ttftP99Ms\": 1e400}")), BAD,
                        "ttftP99Ms: is too large"),
                row("signals: \"5d\" for a number", in -> explain(in, in.goodPool(), in.signals("{\"queueDepth\": \"5d\"}")), BAD,
                        "queueDepth: expected a number, null, got \"5d\""),
                row("signals: a duplicate key", in -> explain(in, in.goodPool(),
                        in.signals("{\"utilizationPercent\": 95, \"utilizationPercent\": 5}")), BAD, "duplicate key 'utilizationPercent'"),
                row("signals: a second JSON object", in -> explain(in, in.goodPool(), in.signals("{\"queueDepth\": 1}\n{\"queueDepth\": 9}")), BAD,
                        "a second value follows the first at line 2, column 1; give exactly one JSON object"),
                row("signals: a binary file", in -> explain(in, in.goodPool(), in.bytes("signals.json", new byte[] {'{', 0, '}'})), BAD,
                        "the signals file is binary"),
                row("signals: UTF-16", in -> explain(in, in.goodPool(), in.bytes("signals.json",
                        "{\"queueDepth\": 1}".getBytes(StandardCharsets.UTF_16))), BAD, "the signals file is"),
                row("signals: larger than 1 MB", in -> explain(in, in.goodPool(), in.signals("{\"queueDepth\": 1" + " ".repeat(1_100_000) + "}")), BAD,
                        "the signals file is larger than 1 MB"),
                row("signals: an unknown signal", in -> explain(in, in.goodPool(), in.signals("{\"ttft\": 5}")), BAD,
                        "ttft: unknown field; expected one of ttftP99Ms"),
                row("signals: idle utilization", in -> explain(in, in.goodPool(), in.signals("{\"utilizationPercent\": \"idle\"}")), BAD,
                        "\"idle\" applies only to ttftP99Ms and tpotP99Ms"),
                row("signals: an array", in -> explain(in, in.goodPool(), in.signals("[1, 2]")), BAD, "expected a JSON object, got array"),
                row("signals: no such file", in -> explain(in, in.goodPool(), in.absent("signals.json")), BAD, "cannot read the signals file"),
                row("signals: empty", in -> explain(in, in.goodPool(), in.signals("")), BAD, "expected a JSON object, got nothing"),
                row("signals: a utilization of 250% is clamped, not refused", in -> explain(in, in.goodPool(),
                        in.signals("{\"ttftP99Ms\": 300, \"tpotP99Ms\": 30, \"utilizationPercent\": 250, \"queueDepth\": 0}")), OK,
                        "clamped to 100 from 250 reported by the file"));
    }

    static Stream<Arguments> state() {
        return Stream.of(
                row("state: replicas beyond an int", in -> explainWithState(in, in.state("{\"replicas\": 99999999999}")), BAD,
                        "replicas: is too large, got 99999999999"),
                row("state: negative replicas", in -> explainWithState(in, in.state("{\"replicas\": -1}")), BAD,
                        "replicas: must not be negative, got -1"),
                row("state: fractional replicas", in -> explainWithState(in, in.state("{\"replicas\": 2.5}")), BAD,
                        "replicas: expected a whole number, got 2.5"),
                row("state: no replicas", in -> explainWithState(in, in.state("{\"readyReplicas\": 2}")), BAD, "replicas: is required"),
                row("state: more ready than replicas", in -> explainWithState(in, in.state("{\"replicas\": 2, \"readyReplicas\": 3}")), BAD,
                        "readyReplicas: 3 is more than replicas 2"),
                row("state: a time past Instant's range", in -> explainWithState(in,
                        in.state("{\"replicas\": 2, \"lastScaleUpTime\": \"+1000000001-01-01T00:00:00Z\"}")), BAD,
                        "lastScaleUpTime: '+1000000001-01-01T00:00:00Z' is outside the range of times tokenscale handles"),
                row("state: a time that is no time", in -> explainWithState(in, in.state("{\"replicas\": 2, \"lastScaleDownTime\": \"yesterday\"}")), BAD,
                        "lastScaleDownTime: 'yesterday' is not an RFC 3339 time"),
                row("state: a month 13", in -> explainWithState(in, in.state("{\"replicas\": 2, \"lastScaleUpTime\": \"2026-13-01T00:00:00Z\"}")), BAD,
                        "is not an RFC 3339 time"),
                row("state: a number for a time", in -> explainWithState(in, in.state("{\"replicas\": 2, \"lastScaleUpTime\": 1767225600}")), BAD,
                        "lastScaleUpTime: expected an RFC 3339 time"),
                row("state: a duplicate key", in -> explainWithState(in, in.state("{\"replicas\": 2, \"replicas\": 9}")), BAD,
                        "duplicate key 'replicas'"),
                row("state: larger than 1 MB", in -> explainWithState(in, in.state("{\"replicas\": 2" + " ".repeat(1_100_000) + "}")), BAD,
                        "the state file is larger than 1 MB"),
                row("state: a binary file", in -> explainWithState(in, in.bytes("state.json", new byte[] {0, 1, 2, 3})), BAD,
                        "the state file is binary"),
                row("state: a lastScaleUpTime in 2099 is treated as now", in -> explainWithState(in,
                        in.state("{\"replicas\": 4, \"lastScaleUpTime\": \"2099-01-01T00:00:00Z\"}")), OK,
                        "lastScaleUpTime 2099-01-01T00:00:00Z is 26662 days in the future, beyond the 1m clock-skew allowance, so it is treated as now"),
                row("state: the last Instant as lastScaleDownTime is treated as now", in -> explainWithState(in,
                        in.state("{\"replicas\": 4, \"lastScaleDownTime\": \"+1000000000-12-31T23:59:59.999999999Z\"}")), OK,
                        "lastScaleDownTime +1000000000-12-31T23:59:59.999999999Z is"));
    }

    static Stream<Arguments> explainOptions() {
        return Stream.of(
                row("explain: --now that is no time", in -> args("explain", "--pool", in.goodPool(), "--metrics", in.goodSignals(), "--now", "tomorrow"), BAD,
                        "--now: 'tomorrow' is not an RFC 3339 time"),
                row("explain: --now past Instant's range", in -> args("explain", "--pool", in.goodPool(), "--metrics", in.goodSignals(),
                        "--now", "+1000000001-01-01T00:00:00Z"), BAD, "--now: '+1000000001-01-01T00:00:00Z' is outside the range"),
                row("explain: --now at the last Instant against a scale at the first", in -> args("explain", "--pool", in.goodPool(),
                        "--metrics", in.goodSignals(), "--state", in.state("{\"replicas\": 4, \"lastScaleUpTime\": \"-1000000000-01-01T00:00:00Z\","
                                + " \"lastScaleDownTime\": \"-1000000000-01-01T00:00:00Z\"}"),
                        "--now", "+1000000000-12-31T23:59:59.999999999Z", "--output", "text"), OK, "4 replicas"),
                row("explain: --output yaml", in -> args("explain", "--pool", in.goodPool(), "--metrics", in.goodSignals(), "--output", "yaml"), BAD,
                        "--output: expected json or text, got 'yaml'"),
                row("explain: no --pool", in -> args("explain", "--metrics", in.goodSignals()), BAD, "Missing required option: '--pool=POOL.yaml'"),
                row("explain: a misspelt option is named before the missing one", in -> args("explain", "--poool", in.goodPool()), BAD,
                        "Unknown option: '--poool'"),
                row("explain: a stray argument", in -> args("explain", "--pool", in.goodPool(), "--metrics", in.goodSignals(), "extra"), BAD,
                        "Unexpected argument: 'extra'"),
                row("explain: both signal sources", in -> args("explain", "--pool", in.goodPool(), "--metrics", in.goodSignals(),
                        "--prometheus", "http://127.0.0.1:9"), BAD, "--metrics and --prometheus are exclusive"),
                row("explain: no signal source", in -> args("explain", "--pool", in.goodPool()), BAD, "--metrics SIGNALS.json or --prometheus URL is required"),
                row("explain: --prometheus that is no URL", in -> args("explain", "--pool", in.goodPool(), "--prometheus", "ftp://x"), BAD,
                        "--prometheus: 'ftp://x' is not an http or https URL"),
                row("explain: --help", in -> args("explain", "--help"), OK, "Usage: tokenscale explain"));
    }

    static Stream<Arguments> traffic() {
        return Stream.of(
                row("traffic: no such file", in -> simulate(in, in.absent("day.csv")), BAD, "cannot read the file (no such file)"),
                row("traffic: empty", in -> simulate(in, in.traffic("")), BAD, "the file is empty"),
                row("traffic: the wrong header", in -> simulate(in, in.traffic("time,load\n0,1\n")), BAD,
                        "line 1: expected the header 'seconds,rps' or 'hour,rps', got 'time,load'"),
                row("traffic: \"5d\" for a rate", in -> simulate(in, in.traffic("seconds,rps\n0,5d\n60,1\n")), BAD, "line 2: rps '5d' is not a number"),
                row("traffic: a negative rate", in -> simulate(in, in.traffic("seconds,rps\n0,-5\n60,1\n")), BAD, "line 2: rps must be >= 0, got -5"),
                row("traffic: time running backwards", in -> simulate(in, in.traffic("seconds,rps\n0,1\n60,1\n30,1\n")), BAD,
                        "line 4: seconds must increase from row to row, but 30 follows 60"),
                row("traffic: a first row after 0", in -> simulate(in, in.traffic("seconds,rps\n10,1\n60,1\n")), BAD,
                        "the first row must be at seconds 0, got 10"),
                row("traffic: one row of seconds", in -> simulate(in, in.traffic("seconds,rps\n0,1\n")), BAD,
                        "needs at least two rows after the header"),
                row("traffic: a binary file", in -> simulate(in, in.bytes("day.csv", new byte[] {0, 0, 0, 1, 2, 3})), BAD,
                        "is binary (a NUL character on line 1), not a CSV text file"),
                row("traffic: Latin-1 instead of UTF-8", in -> simulate(in, in.bytes("day.csv",
                        "seconds,rps\n0,1\n60,1 # caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1))), BAD, "is not UTF-8 text"),
                row("traffic: a line of 2000 characters", in -> simulate(in, in.traffic("seconds,rps\n0," + "1".repeat(2000) + "\n")), BAD,
                        "line 2: the line is longer than 1000 characters"),
                row("traffic: three columns", in -> simulate(in, in.traffic("seconds,rps\n0,1,2\n60,1\n")), BAD, "line 2: expected 2 values"),
                row("traffic: a time of 1e300 seconds", in -> simulate(in, in.traffic("seconds,rps\n0,1\n1e300,1\n")), BAD,
                        "line 3: seconds 1e300 is too large; a traffic file spans at most 1000000000 seconds"),
                row("traffic: an hour past 31 years", in -> simulate(in, in.traffic("hour,rps\n0,1\n300000,1\n")), BAD,
                        "line 3: hour 300000 is too large"),
                row("traffic: a rate of 1e300", in -> simulate(in, in.traffic("seconds,rps\n0,1e300\n60,1\n")), BAD,
                        "line 2: rps 1e300 is too large; the most is 1000000000"),
                row("traffic: a rate past double", in -> simulate(in, in.traffic("seconds,rps\n0,1e400\n60,1\n")), BAD, "rps '1e400' is not a number"),
                row("traffic: a run shorter than one step", in -> args("simulate", "--pool", in.goodPool(), "--traffic",
                        in.traffic("seconds,rps\n0,1\n10,1\n"), "--step", "15s"), BAD,
                        "--step: 15s is longer than the whole traffic (10s in"));
    }

    static Stream<Arguments> simulateOptions() {
        return Stream.of(
                row("simulate: --step 1ms over a day", in -> simulate(in, "seed-diurnal", "--step", "1ms", "--history-days", "0"), BAD,
                        "--step: 1ms over 24h is 86,400,000 replay steps; the most is 50,000,000, so use a --step of at least 2ms"),
                row("simulate: --step 1ms over a day after a day of history", in -> simulate(in, "seed-diurnal", "--step", "1ms"), BAD,
                        "--step: 1ms over 24h plus 24h of history is 172,800,000 replay steps; the most is 50,000,000,"
                                + " so use a --step of at least 4ms"),
                row("simulate: --step 0ms", in -> simulate(in, "seed-diurnal", "--step", "0ms"), BAD, "--step: must be a whole number of milliseconds, at least 1ms"),
                row("simulate: --step 0.5ms", in -> simulate(in, "seed-diurnal", "--step", "0.5ms"), BAD, "at least 1ms"),
                row("simulate: --step that overflows", in -> simulate(in, "seed-diurnal", "--step", "99999999999999999999m"), BAD,
                        "--step: '99999999999999999999m' is too long a duration"),
                row("simulate: --step soon", in -> simulate(in, "seed-diurnal", "--step", "soon"), BAD, "--step: 'soon' is not a duration"),
                row("simulate: --chart-size 100000x100000", in -> simulate(in, "seed-diurnal", "--chart-size", "100000x100000"), BAD,
                        "--chart-size: 100000x100000 is too large; the most is 8000x8000 pixels"),
                row("simulate: --chart-size 9000x10", in -> simulate(in, "seed-diurnal", "--chart-size", "9000x10"), BAD, "is too large"),
                row("simulate: --chart-size beyond an int", in -> simulate(in, "seed-diurnal", "--chart-size", "99999999999x800"), BAD,
                        "--chart-size: '99999999999x800' is too large"),
                row("simulate: --chart-size 10x10", in -> simulate(in, "seed-diurnal", "--chart-size", "10x10"), BAD,
                        "--chart-size: 10x10 is too small; the least is 200x150 pixels"),
                row("simulate: --chart-size big", in -> simulate(in, "seed-diurnal", "--chart-size", "big"), BAD,
                        "--chart-size: expected WIDTHxHEIGHT"),
                row("simulate: --chart-size -5x-5", in -> simulate(in, "seed-diurnal", "--chart-size", "-5x-5"), BAD, "expected WIDTHxHEIGHT"),
                row("simulate: --oracle-sizing magic", in -> simulate(in, "seed-diurnal", "--oracle-sizing", "magic"), BAD,
                        "--oracle-sizing: expected slo or seed, got 'magic'"),
                row("simulate: --output yaml", in -> simulate(in, "seed-diurnal", "--output", "yaml"), BAD, "--output: expected text or json"),
                row("simulate: --capacity-rps-per-replica 0", in -> simulate(in, "seed-diurnal", "--capacity-rps-per-replica", "0"), BAD,
                        "--capacity-rps-per-replica: must be a number above 0"),
                row("simulate: --capacity-rps-per-replica abc", in -> simulate(in, "seed-diurnal", "--capacity-rps-per-replica", "abc"), BAD,
                        "'abc' is not a double"),
                row("simulate: --capacity-rps-per-replica 1e400", in -> simulate(in, "seed-diurnal", "--capacity-rps-per-replica", "1e400"), BAD,
                        "--capacity-rps-per-replica: must be a number above 0, got Infinity"),
                row("simulate: --cold-start forever", in -> simulate(in, "seed-diurnal", "--cold-start", "forever"), BAD,
                        "--cold-start: 'forever' is not a duration"),
                row("simulate: --noise 150", in -> simulate(in, "seed-diurnal", "--noise", "150"), BAD,
                        "--noise: must be a percent between 0 and 100, got 150"),
                row("simulate: --noise NaN", in -> simulate(in, "seed-diurnal", "--noise", "NaN"), BAD, "--noise: must be a percent between 0 and 100"),
                row("simulate: --capacity-drift 95", in -> simulate(in, "seed-diurnal", "--capacity-drift", "95"), BAD,
                        "--capacity-drift: must be a percent between 0 and 90, got 95"),
                row("simulate: --seed abc", in -> simulate(in, "seed-diurnal", "--seed", "abc"), BAD, "'abc' is not a long"),
                row("simulate: --seed past a long", in -> simulate(in, "seed-diurnal", "--seed", "99999999999999999999"), BAD,
                        "--seed: 99999999999999999999 is too large for a whole number (at most 9223372036854775807)"),
                row("simulate: a 1ms trace repeated for a day of history", in -> simulate(in, in.traffic("seconds,rps\n0,1\n0.001,1\n"),
                        "--step", "1ms"), BAD, "--history-days: 1 days of history repeat the 1ms trace 86,400,000 times, 86,400,000 rows;"
                                + " the most is 10,000,000"),
                row("simulate: a day of history at 1ms steps", in -> simulate(in, in.traffic("seconds,rps\n0,1\n3600,1\n"),
                        "--step", "1ms"), BAD, "--step: 1ms over 1h plus 24h of history is 90,000,000 replay steps; the most is 50,000,000"),
                row("simulate: --history-days 31", in -> simulate(in, "seed-diurnal", "--history-days", "31"), BAD,
                        "--history-days: must be between 0 and 30, got 31"),
                row("simulate: a pool with maxStepUp 2147483647", in -> args("simulate", "--pool", in.poolWith("maxStepUp: 1", "maxStepUp: 2147483647"),
                        "--traffic", "seed-diurnal"), BAD, "spec.scaling.maxStepUp: 2147483647 is above the maximum of 1000"),
                row("simulate: an unknown option is named before the missing --pool", in -> args("simulate", "--bogus"), BAD,
                        "Unknown option: '--bogus'"),
                row("simulate: no --traffic", in -> args("simulate", "--pool", in.goodPool()), BAD, "Missing required option: '--traffic"),
                row("simulate: --help", in -> args("simulate", "--help"), OK, "Usage: tokenscale simulate"),
                row("simulate: -h", in -> args("simulate", "-h"), OK, "--chart-size"));
    }

    static Stream<Arguments> demo() {
        return Stream.of(
                row("demo: --help", in -> args("demo", "--help"), OK, "Usage: tokenscale demo"),
                row("demo: -h", in -> args("demo", "-h"), OK, "--minutes"),
                row("demo: --minutes 0", in -> args("demo", "--minutes", "0"), BAD, "--minutes: must be a number above 0, got 0.0"),
                row("demo: --minutes abc", in -> args("demo", "--minutes", "abc"), BAD, "'abc' is not a double"),
                row("demo: --minutes 1e400", in -> args("demo", "--minutes", "1e400"), BAD, "--minutes: must be a number above 0, got Infinity"),
                row("demo: --minutes 1e9", in -> args("demo", "--minutes", "1e9"), BAD,
                        "--minutes: 1.0E9 is too large; the demo plays at most 1440 real minutes (one day)"),
                row("demo: --metrics magic", in -> args("demo", "--metrics", "magic"), BAD,
                        "--metrics: expected auto, prometheus or direct, got 'magic'"),
                row("demo: a binary traffic file", in -> args("demo", "--traffic", in.bytes("day.csv", new byte[] {0, 1, 2})), BAD,
                        "is binary (a NUL character on line 1), not a CSV text file"),
                row("demo: an unknown option", in -> args("demo", "--bogus"), BAD, "Unknown option: '--bogus'"));
    }

    static Stream<Arguments> emulate() {
        return Stream.of(
                row("emulate: more replicas than the machine can serve", in -> args("emulate", "--replicas", "100000"), BAD,
                        "--replicas: 100000 is more than this machine can serve: at most "),
                row("emulate: replicas beyond an int", in -> args("emulate", "--replicas", "99999999999"), BAD,
                        "--replicas: 99999999999 is too large for a whole number (at most 2147483647)"),
                row("emulate: negative replicas", in -> args("emulate", "--replicas", "-1"), BAD, "replicas must be >= 0, got -1"),
                row("emulate: a port past 65535", in -> args("emulate", "--port", "70000"), BAD, "port must be 0..65535, got 70000"),
                row("emulate: workers running past the last port", in -> args("emulate", "--port", "65535", "--replicas", "2"), BAD,
                        "--port: 2 workers from port 65535 would need ports up to 65536"),
                row("emulate: an unknown engine", in -> args("emulate", "--engine", "tgi"), BAD, "unknown engine 'tgi'"),
                row("emulate: a negative rate", in -> args("emulate", "--rps", "-1"), BAD, "rps must be a number >= 0, got -1.0"),
                row("emulate: an unknown option", in -> args("emulate", "--replica", "3"), BAD, "Unknown option: '--replica'"),
                row("emulate: -h", in -> args("emulate", "-h"), OK, "Usage: tokenscale emulate"));
    }

    static Stream<Arguments> anyCommand() {
        return Stream.of(
                row("tokenscale: an unknown command", in -> args("scale"), BAD, "Unexpected argument: 'scale'"),
                row("tokenscale: --help", in -> args("--help"), OK, "Usage: tokenscale"),
                row("run: --help", in -> args("run", "--help"), OK, "Usage: tokenscale run"),
                row("run: an unknown option", in -> args("run", "--prometheus", "http://x"), BAD, "Unknown option: '--prometheus'"),
                row("run: a metrics port that is no number", in -> args("run", "--metrics-port", "http"), BAD,
                        "Invalid value for option '--metrics-port': 'http' is not an int"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void everyBadInputGivesItsExitCodeAndOneLineWithoutAStackTrace(String input, Function<Inputs, List<String>> arguments,
            int exitCode, String fragment) {
        Run run = run(arguments.apply(new Inputs()));

        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isEqualTo(exitCode);
        assertThat(run.out() + run.err()).doesNotContain("\tat ").doesNotContain("Exception:").doesNotContain("Caused by");
        if (exitCode == OK) {
            assertThat(run.out()).as("stderr: %s", run.err()).contains(fragment);
        } else {
            assertThat(run.err().strip()).doesNotContain("\n").contains(fragment)
                    .startsWith("tokenscale" + (run.command().isEmpty() ? "" : " " + run.command()) + ": ");
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void theTableHoldsEightyRowsAcrossEveryInputKind() {
        assertThat(rows().count()).isGreaterThanOrEqualTo(80);
        assertThat(rows().map(r -> r.get()[0].toString().split(":")[0]).distinct())
                .contains("pool", "signals", "state", "traffic", "simulate", "demo", "emulate", "explain", "run");
    }

    record Run(String command, int exitCode, String out, String err) {}

    private static Run run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = TokenscaleCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exit = commandLine.execute(args.toArray(String[]::new));
        String command = args.isEmpty() || args.get(0).startsWith("-") || !List.of("run", "explain", "emulate", "simulate", "demo")
                .contains(args.get(0)) ? "" : args.get(0);
        return new Run(command, exit, out.toString(), err.toString());
    }

    private static Arguments row(String input, Function<Inputs, List<String>> arguments, int exitCode, String fragment) {
        return arguments(input, arguments, exitCode, fragment);
    }

    private static List<String> args(String... words) {
        return List.of(words);
    }

    /** explain with this pool and good signals. */
    private static List<String> explain(Inputs in, String pool) {
        return explain(in, pool, in.goodSignals());
    }

    private static List<String> explain(Inputs in, String pool, String signals) {
        return args("explain", "--pool", pool, "--metrics", signals, "--now", NOW, "--output", "text");
    }

    private static List<String> explainWithState(Inputs in, String state) {
        return args("explain", "--pool", in.goodPool(), "--metrics", in.goodSignals(), "--state", state, "--now", NOW, "--output", "text");
    }

    /** simulate the good pool on this traffic with these extra options; errors come before any replay. */
    private static List<String> simulate(Inputs in, String traffic, String... options) {
        List<String> words = new ArrayList<>(List.of("simulate", "--pool", in.goodPool(), "--traffic", traffic));
        words.addAll(List.of(options));
        return words;
    }

    private static String examplePool() {
        try {
            return Files.readString(EXAMPLES.resolve("inferencepool.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
