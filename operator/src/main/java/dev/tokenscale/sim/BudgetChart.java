package dev.tokenscale.sim;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StackedXYAreaRenderer2;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultTableXYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The pools' spend stacked under the budget line, and each pool's backlog below it. */
public final class BudgetChart {

    private BudgetChart() {}

    public static void writePng(BudgetReplayResult result, Path file, int width, int height) throws IOException {
        if (width < 200 || height < 150) {
            throw new IllegalArgumentException("a chart needs at least 200x150 pixels, got " + width + "x" + height);
        }
        System.setProperty("java.awt.headless", "true");
        ChartUtils.saveChartAsPNG(file.toFile(), chart(result), width, height);
    }

    static JFreeChart chart(BudgetReplayResult result) {
        ReplayScenario timeline = result.timeline();
        int steps = timeline.stepCount();
        DefaultTableXYDataset spend = new DefaultTableXYDataset();
        XYSeriesCollection backlog = new XYSeriesCollection();
        for (BudgetReplayResult.PoolResult pool : result.pools()) {
            XYSeries poolSpend = new XYSeries(pool.name() + " $/h", true, false);
            XYSeries poolBacklog = new XYSeries(pool.name() + " backlog (requests)", false, true);
            int[] held = pool.run().replicas();
            double replicaCost = pool.run().replicaHourlyCost();
            for (int i = 0; i < steps; i++) {
                double hour = timeline.stepStartMillis(i) / 3_600_000.0;
                poolSpend.add(hour, held[i] * replicaCost, false);
                poolBacklog.add(hour, pool.backlog()[i], false);
            }
            spend.addSeries(poolSpend);
            backlog.addSeries(poolBacklog);
        }
        NumberAxis time = new NumberAxis("time since start (hours)");
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
        XYPlot spendPlot = new XYPlot(spend, null, new NumberAxis("USD per hour"), new StackedXYAreaRenderer2());
        if (result.limit() != null && result.limit().maxHourlyCost() != null) {
            ValueMarker line = new ValueMarker(result.limit().maxHourlyCost(), Color.BLACK,
                    new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 4f}, 0f));
            line.setLabel(String.format(Locale.ROOT, "budget $%.2f/h", result.limit().maxHourlyCost()));
            spendPlot.addRangeMarker(line);
            ((NumberAxis) spendPlot.getRangeAxis()).setUpperBound(Math.max(result.maxSpendPerHour(), result.limit().maxHourlyCost()) * 1.1);
        }
        plot.add(spendPlot, 3);
        plot.add(new XYPlot(backlog, null, new NumberAxis("backlog (requests)"), new XYLineAndShapeRenderer(true, false)), 2);
        JFreeChart chart = new JFreeChart("Spend by pool under the budget", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}
