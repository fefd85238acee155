package dev.tokenscale.sim;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.text.DecimalFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws a replay as a PNG: above, the traffic and every strategy's replicas over the run; below,
 * the P99 TTFT of the runs that run a policy ({@link StrategyLineup#POLICY_RUNS} in
 * {@code simulate}, the live operator in {@code demo}) against the SLO line on a log scale.
 * Renders headless.
 */
public final class ReplayChart {

    private static final double SECONDS_PER_HOUR = 3600;
    private static final float HIGHLIGHT_WIDTH = 4f;
    private static final List<Color> STRATEGY_COLORS = List.of(
            new Color(0xD62728), new Color(0xFF7F0E), new Color(0x1F77B4), new Color(0x2CA02C),
            new Color(0x9467BD), new Color(0x8C564B), new Color(0xE377C2), new Color(0x17BECF));

    private ReplayChart() {}

    /** @param latencyRun the run whose P99 TTFT is drawn against the SLO; no latency panel if absent */
    public static void writePng(ReplayResult result, String latencyRun, Path file, int width, int height) throws IOException {
        writePng(result, List.of(latencyRun), file, width, height);
    }

    /** @param latencyRuns the runs whose P99 TTFT is drawn against the SLO, those replayed; no latency panel if none was */
    public static void writePng(ReplayResult result, List<String> latencyRuns, Path file, int width, int height)
            throws IOException {
        if (width < 200 || height < 150) {
            throw new IllegalArgumentException("a chart needs at least 200x150 pixels, got " + width + "x" + height);
        }
        // Must be set before the first AWT class loads; a CLI or a CI box has no display.
        System.setProperty("java.awt.headless", "true");
        ChartUtils.saveChartAsPNG(file.toFile(), chart(result, latencyRuns), width, height);
    }

    static JFreeChart chart(ReplayResult result, String latencyRun) {
        return chart(result, List.of(latencyRun));
    }

    static JFreeChart chart(ReplayResult result, List<String> latencyRuns) {
        double[] hours = result.stepStartSeconds();
        for (int i = 0; i < hours.length; i++) {
            hours[i] /= SECONDS_PER_HOUR;
        }
        NumberAxis time = new NumberAxis("time since start (hours)");
        time.setRange(0, Math.max(1e-3, result.scenario().lengthMillis() / 1000.0 / SECONDS_PER_HOUR));
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
        plot.setGap(12);
        plot.add(capacityPlot(result, hours, latencyRuns), 3);
        List<StrategyRun> withLatency = latencyRuns.stream().flatMap(name -> result.run(name).stream()).toList();
        if (!withLatency.isEmpty()) {
            plot.add(latencyPlot(result, withLatency, hours), 2);
        }
        ReplayScenario scenario = result.scenario();
        String title = String.format(Locale.ROOT, "%s: replicas by strategy, %.0f rps per replica, cold start %ds",
                scenario.traffic().source(), scenario.load().capacityRpsPerReplica(), scenario.coldStart().toSeconds());
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /**
     * @param highlighted the runs the chart is about (the live operator in {@code demo}): drawn thick
     *     and last, so a strategy with the same replicas cannot hide them
     */
    private static XYPlot capacityPlot(ReplayResult result, double[] hours, List<String> highlighted) {
        XYSeriesCollection replicas = new XYSeriesCollection();
        XYStepRenderer replicaLines = new XYStepRenderer();
        List<StrategyRun> runs = new ArrayList<>(result.runs());
        runs.sort(Comparator.comparing(run -> highlighted.contains(run.name())));
        for (StrategyRun run : runs) {
            int index = replicas.getSeriesCount();
            replicas.addSeries(series(run.name() + " replicas", hours, toDouble(run.replicas())));
            replicaLines.setSeriesPaint(index, colorOf(result, run));
            replicaLines.setSeriesStroke(index, new BasicStroke(highlighted.contains(run.name()) ? HIGHLIGHT_WIDTH : 2f));
        }
        NumberAxis replicaAxis = new NumberAxis("replicas");
        replicaAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        XYPlot plot = new XYPlot(replicas, null, replicaAxis, replicaLines);
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);

        XYSeriesCollection traffic = new XYSeriesCollection(series("traffic (requests/s)", hours, result.rps()));
        XYStepRenderer trafficLine = new XYStepRenderer();
        trafficLine.setSeriesPaint(0, Color.GRAY);
        trafficLine.setSeriesStroke(0, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 4f}, 0f));
        plot.setRangeAxis(1, new NumberAxis("traffic (requests/s)"));
        plot.setDataset(1, traffic);
        plot.setRenderer(1, trafficLine);
        plot.mapDatasetToRangeAxis(1, 1);
        styleGrid(plot);
        return plot;
    }

    private static XYPlot latencyPlot(ReplayResult result, List<StrategyRun> runs, double[] hours) {
        double sloMs = result.scenario().slo().ttftP99Ms();
        XYSeriesCollection latency = new XYSeriesCollection();
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        for (StrategyRun run : runs) {
            int index = latency.getSeriesCount();
            latency.addSeries(series(run.name() + " P99 TTFT (ms)", hours, run.ttftP99Ms()));
            lines.setSeriesPaint(index, latencyColorOf(result, run));
            lines.setSeriesStroke(index, new BasicStroke(1.5f));
        }
        XYSeries slo = new XYSeries(String.format(Locale.ROOT, "TTFT SLO (%.0f ms)", sloMs));
        if (hours.length > 0) {
            slo.add(hours[0], sloMs);
            slo.add(result.scenario().lengthMillis() / 1000.0 / SECONDS_PER_HOUR, sloMs);
        }
        int sloIndex = latency.getSeriesCount();
        latency.addSeries(slo);
        lines.setSeriesPaint(sloIndex, Color.BLACK);
        lines.setSeriesStroke(sloIndex, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {8f, 4f}, 0f));
        // Ticks at doublings in plain milliseconds (256, 512, 1,024): readable against the SLO line
        // whether the day stays near it or a queue pushes latency to a minute.
        LogAxis latencyAxis = new LogAxis("P99 TTFT (ms, log scale)");
        latencyAxis.setSmallestValue(1);
        latencyAxis.setTickUnit(new NumberTickUnit(Math.log10(2)));
        latencyAxis.setNumberFormatOverride(new DecimalFormat("#,##0"));
        XYPlot plot = new XYPlot(latency, null, latencyAxis, lines);
        styleGrid(plot);
        return plot;
    }

    private static Color colorOf(ReplayResult result, StrategyRun run) {
        return STRATEGY_COLORS.get(result.runs().indexOf(run) % STRATEGY_COLORS.size());
    }

    /**
     * A run's latency line takes the opposite hue of its replica line, darkened, so the legend tells
     * the run's two series apart at a glance while each run keeps a colour of its own.
     */
    private static Color latencyColorOf(ReplayResult result, StrategyRun run) {
        Color replicas = colorOf(result, run);
        float[] hsb = Color.RGBtoHSB(replicas.getRed(), replicas.getGreen(), replicas.getBlue(), null);
        return Color.getHSBColor((hsb[0] + 0.5f) % 1f, Math.max(0.8f, hsb[1]), 0.45f);
    }

    private static XYSeries series(String name, double[] x, double[] y) {
        XYSeries series = new XYSeries(name, false, true);
        for (int i = 0; i < x.length; i++) {
            series.add(x[i], y[i], false);
        }
        series.fireSeriesChanged();
        return series;
    }

    private static double[] toDouble(int[] values) {
        double[] doubles = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            doubles[i] = values[i];
        }
        return doubles;
    }

    private static void styleGrid(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    }
}
