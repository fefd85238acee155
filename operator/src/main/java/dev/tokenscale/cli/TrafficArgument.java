package dev.tokenscale.cli;

import dev.tokenscale.sim.BuiltInTraffic;
import dev.tokenscale.sim.TrafficCsv;
import dev.tokenscale.sim.TrafficProfile;
import java.nio.file.Path;

/** What {@code --traffic} names: a built-in day such as {@code seed-diurnal}, or a CSV file. */
final class TrafficArgument {

    private TrafficArgument() {}

    /** @throws dev.tokenscale.sim.TrafficFormatException naming the file and line when the CSV is bad */
    static TrafficProfile load(String argument) {
        return BuiltInTraffic.byKey(argument).map(BuiltInTraffic::load)
                .orElseGet(() -> TrafficCsv.read(Path.of(argument)));
    }
}
