package dev.tokenscale.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayChartTest {

    @TempDir
    Path dir;

    private static ReplayResult replay() {
        ReplayScenario scenario = Scenarios.seed(BuiltInTraffic.SEED_DIURNAL.load(), 1, 16, Duration.ofSeconds(15), Duration.ofSeconds(120));
        SeedHeadroomSizing seed = new SeedHeadroomSizing(20);
        return Replay.run(scenario, List.of(
                FixedStrategy.forPeak(scenario.traffic(), seed),
                Scenarios.scripted(ReactiveStrategy.NAME, 2, 2, 3, 5, 8, 6, 4),
                new OracleStrategy(scenario.traffic(), new SloSizing(scenario.load(), scenario.slo()), 1, 16)),
                ReplayProgress.NONE);
    }

    @Test
    void writesAPngOfTheRequestedSize() throws Exception {
        Path png = dir.resolve("chart.png");

        ReplayChart.writePng(replay(), ReactiveStrategy.NAME, png, 900, 640);

        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n');
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(900);
        assertThat(image.getHeight()).isEqualTo(640);
    }

    @Test
    void showsTrafficEveryStrategysReplicasAndReactiveTtftAgainstTheSloWithLabelledAxes() {
        JFreeChart chart = ReplayChart.chart(replay(), ReactiveStrategy.NAME);

        List<String> legend = new ArrayList<>();
        LegendItemCollection items = chart.getPlot().getLegendItems();
        for (int i = 0; i < items.getItemCount(); i++) {
            legend.add(items.get(i).getLabel());
        }
        assertThat(legend).contains("fixed-peak replicas", "reactive replicas", "oracle replicas",
                "traffic (requests/s)", "reactive P99 TTFT (ms)", "TTFT SLO (500 ms)");
        assertThat(chart.getLegend()).isNotNull();
        CombinedDomainXYPlot plot = (CombinedDomainXYPlot) chart.getPlot();
        assertThat(plot.getDomainAxis().getLabel()).isEqualTo("time since start (hours)");
        List<XYPlot> parts = plot.getSubplots();
        assertThat(parts.get(0).getRangeAxis(0).getLabel()).isEqualTo("replicas");
        assertThat(parts.get(0).getRangeAxis(1).getLabel()).isEqualTo("traffic (requests/s)");
        assertThat(parts.get(1).getRangeAxis().getLabel()).isEqualTo("P99 TTFT (ms, log scale)");
    }

    @Test
    void theRunTheChartIsAboutIsDrawnThickOnTopAndItsLatencyInAnotherShade() {
        JFreeChart chart = ReplayChart.chart(replay(), ReactiveStrategy.NAME);
        List<XYPlot> parts = ((CombinedDomainXYPlot) chart.getPlot()).getSubplots();
        XYPlot capacity = parts.get(0);
        XYPlot latency = parts.get(1);

        int last = capacity.getDataset(0).getSeriesCount() - 1;
        assertThat(capacity.getSeriesRenderingOrder()).as("later series drawn over earlier ones")
                .isEqualTo(org.jfree.chart.plot.SeriesRenderingOrder.FORWARD);
        assertThat(capacity.getDataset(0).getSeriesKey(last)).isEqualTo("reactive replicas");
        java.awt.BasicStroke highlighted = (java.awt.BasicStroke) capacity.getRenderer(0).getSeriesStroke(last);
        java.awt.BasicStroke other = (java.awt.BasicStroke) capacity.getRenderer(0).getSeriesStroke(0);
        assertThat(highlighted.getLineWidth()).isGreaterThan(other.getLineWidth());
        assertThat(latency.getDataset(0).getSeriesKey(0)).isEqualTo("reactive P99 TTFT (ms)");
        assertThat(latency.getRenderer(0).getSeriesPaint(0)).isNotEqualTo(capacity.getRenderer(0).getSeriesPaint(last));
        assertThat(capacity.getRenderer(0).getSeriesPaint(last)).isNotEqualTo(capacity.getRenderer(0).getSeriesPaint(0));
    }

    @Test
    void drawsTheLatencyOfEveryPolicyRunThatWasReplayedAndSkipsTheOthers() {
        JFreeChart chart = ReplayChart.chart(replay(), List.of(ReactiveStrategy.NAME, "not-replayed", OracleStrategy.NAME));

        XYPlot latency = ((CombinedDomainXYPlot) chart.getPlot()).getSubplots().get(1);
        List<String> legend = new ArrayList<>();
        LegendItemCollection items = latency.getLegendItems();
        for (int i = 0; i < items.getItemCount(); i++) {
            legend.add(items.get(i).getLabel());
        }
        assertThat(legend).containsExactly("reactive P99 TTFT (ms)", "oracle P99 TTFT (ms)", "TTFT SLO (500 ms)");
    }

    @Test
    void refusesASizeTooSmallToRead() {
        assertThatThrownBy(() -> ReplayChart.writePng(replay(), ReactiveStrategy.NAME, dir.resolve("tiny.png"), 40, 30))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("40x30");
    }
}
