package dev.tokenscale.sim;

import java.util.List;
import java.util.Locale;

/** The comparison table in the seed's style, one row per strategy, for a terminal. */
public final class ReportTable {

    private static final String ROW = "%-14s %12s %5s %13s %15s %8s %13s %19s %13s%n";

    private ReportTable() {}

    public static String render(List<StrategySummary> summaries) {
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, ROW, "Strategy", "Daily cost", "Peak", "Avg replicas",
                "Off-peak waste", "Savings", "vs fixed-slo", "SLO violation min", "Scale events"));
        for (StrategySummary row : summaries) {
            boolean baseline = row.name().equals(FixedStrategy.PEAK);
            boolean sloBaseline = row.name().equals(FixedStrategy.SLO) || Double.isNaN(row.savingsVsFixedSloPercent());
            table.append(String.format(Locale.ROOT, ROW,
                    row.name(),
                    String.format(Locale.US, "$%,.2f", row.dailyCost()),
                    row.peakReplicas(),
                    String.format(Locale.ROOT, "%.2f", row.averageReplicas()),
                    String.format(Locale.ROOT, "%.0f%%", row.offPeakWastePercent()),
                    baseline ? "-" : String.format(Locale.ROOT, "%.1f%%", row.savingsPercent()),
                    sloBaseline ? "-" : String.format(Locale.ROOT, "%.1f%%", row.savingsVsFixedSloPercent()),
                    String.format(Locale.ROOT, "%.1f", row.sloViolationMinutes()),
                    row.scaleEvents()));
        }
        return table.toString();
    }
}
