package dev.tokenscale.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Multi-day traces that are not shipped, to check the forecast on shapes other than
 * {@code examples/traces/week.csv}'s (docs/forecast.md reports them). Each from a fixed seed:
 * <ul>
 *   <li>{@code bimodal-week.csv}: eight days from Monday; weekdays peak at 10:30 and 15:30 with a
 *       lunch dip, weekends one later, flatter peak at about 125 rps; 7% noise at 5-minute rows.</li>
 *   <li>{@code holiday-week.csv}: seven days of the seed day growing 3% a day; Wednesday a holiday at
 *       45%, the weekend at 70%; 5% noise at 5-minute rows.</li>
 *   <li>{@code sharp-week.csv}: seven days that ramp from 10 to 180 rps around 07:30 and back around
 *       19:00 within an hour; the weekend at 40%; 5% noise at 1-minute rows.</li>
 * </ul>
 * Run: {@code java -cp operator/target/test-classes:operator/target/tokenscale.jar dev.tokenscale.sim.ForecastTraces DIR}
 */
public final class ForecastTraces {

    private static final int DAY = 86_400;

    private ForecastTraces() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length == 1 ? args[0] : ".");
        Files.createDirectories(dir);
        write(dir.resolve("bimodal-week.csv"), 8, 300, 0.07, 21,
                (day, t) -> day % 7 >= 5 ? weekendLate(t) : bimodal(t));
        write(dir.resolve("holiday-week.csv"), 7, 300, 0.05, 22,
                (day, t) -> TraceGenerator.seedDayAt(t) * Math.pow(1.03, day) * (day == 2 ? 0.45 : day >= 5 ? 0.7 : 1));
        write(dir.resolve("sharp-week.csv"), 7, 60, 0.05, 23, (day, t) -> sharp(t) * (day >= 5 ? 0.4 : 1));
    }

    interface Shape {
        double rps(int day, int secondOfDay);
    }

    static void write(Path file, int days, int step, double noise, long seed, Shape shape) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder text = new StringBuilder("seconds,rps\n");
        for (int day = 0; day < days; day++) {
            for (int t = 0; t < DAY; t += step) {
                double rps = Math.max(0, shape.rps(day, t) * (1 + noise * random.nextGaussian()));
                text.append(day * DAY + t).append(',').append(String.format(Locale.ROOT, "%.2f", rps)).append('\n');
            }
        }
        text.append(days * DAY).append(",0\n");
        Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
    }

    static double bimodal(int t) {
        double h = t / 3600.0;
        return 12 + 150 * Math.exp(-Math.pow((h - 10.5) / 2.2, 2)) + 120 * Math.exp(-Math.pow((h - 15.5) / 2.0, 2));
    }

    static double weekendLate(int t) {
        double h = t / 3600.0;
        return 15 + 110 * Math.exp(-Math.pow((h - 16) / 4, 2));
    }

    static double sharp(int t) {
        double h = t / 3600.0;
        double up = 1 / (1 + Math.exp(-(h - 7.5) * 4));
        double down = 1 / (1 + Math.exp((h - 19) * 3));
        return 10 + 170 * up * down;
    }
}
