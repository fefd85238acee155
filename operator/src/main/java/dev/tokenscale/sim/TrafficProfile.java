package dev.tokenscale.sim;

import java.util.Arrays;

/**
 * A traffic day, or any length: a request rate that holds from each breakpoint until the next, and
 * the length of the run. Immutable.
 */
public final class TrafficProfile {

    private final String source;
    private final double[] startSeconds;
    private final double[] rps;
    private final double lengthSeconds;

    /**
     * @param source the file or built-in name it came from, for reports and error messages
     * @param startSeconds strictly increasing, starting at 0
     * @param rps the rate from each start until the next start (or the end); each >= 0
     * @param lengthSeconds after the last start
     */
    public TrafficProfile(String source, double[] startSeconds, double[] rps, double lengthSeconds) {
        if (startSeconds.length == 0 || startSeconds.length != rps.length) {
            throw new IllegalArgumentException("need one rate per breakpoint and at least one breakpoint");
        }
        if (startSeconds[0] != 0) {
            throw new IllegalArgumentException("the first breakpoint must be at 0 s, got " + startSeconds[0]);
        }
        for (int i = 0; i < rps.length; i++) {
            if (!(rps[i] >= 0) || Double.isInfinite(rps[i])) {
                throw new IllegalArgumentException("rps must be finite and >= 0, got " + rps[i]);
            }
            if (i > 0 && !(startSeconds[i] > startSeconds[i - 1])) {
                throw new IllegalArgumentException("breakpoints must increase");
            }
        }
        if (!(lengthSeconds > startSeconds[startSeconds.length - 1]) || Double.isInfinite(lengthSeconds)) {
            throw new IllegalArgumentException("the run must end after its last breakpoint");
        }
        this.source = source;
        this.startSeconds = startSeconds.clone();
        this.rps = rps.clone();
        this.lengthSeconds = lengthSeconds;
    }

    public String source() {
        return source;
    }

    public double lengthSeconds() {
        return lengthSeconds;
    }

    /** The rate in force at {@code seconds}; 0 outside the run. */
    public double rpsAt(double seconds) {
        if (seconds < 0 || seconds >= lengthSeconds) {
            return 0;
        }
        int index = Arrays.binarySearch(startSeconds, seconds);
        return rps[index >= 0 ? index : -index - 2];
    }

    /** The mean rate over [from, to), so a step that straddles a breakpoint carries the right load. */
    public double averageRps(double fromSeconds, double toSeconds) {
        if (!(toSeconds > fromSeconds)) {
            return rpsAt(fromSeconds);
        }
        double requests = 0;
        // Start at the segment in force at fromSeconds: a day of per-second rows replayed at 15 s
        // steps would otherwise scan every row for every step.
        int first = fromSeconds <= 0 ? 0 : Arrays.binarySearch(startSeconds, fromSeconds);
        first = first >= 0 ? first : -first - 2;
        for (int i = first; i < startSeconds.length && startSeconds[i] < toSeconds; i++) {
            double segmentEnd = i + 1 < startSeconds.length ? startSeconds[i + 1] : lengthSeconds;
            double overlap = Math.min(segmentEnd, toSeconds) - Math.max(startSeconds[i], fromSeconds);
            if (overlap > 0) {
                requests += overlap * rps[i];
            }
        }
        return requests / (toSeconds - fromSeconds);
    }

    /** The part of this run within [from, to), restarting at 0 s; named {@code source}. */
    public TrafficProfile slice(double fromSeconds, double toSeconds, String name) {
        if (!(fromSeconds >= 0 && toSeconds > fromSeconds && toSeconds <= lengthSeconds)) {
            throw new IllegalArgumentException("a slice must lie within [0, " + lengthSeconds + "], got ["
                    + fromSeconds + ", " + toSeconds + ")");
        }
        int first = Arrays.binarySearch(startSeconds, fromSeconds);
        first = first >= 0 ? first : -first - 2;
        int end = first;
        while (end < startSeconds.length && startSeconds[end] < toSeconds) {
            end++;
        }
        double[] starts = new double[end - first];
        double[] rates = new double[end - first];
        for (int i = first; i < end; i++) {
            starts[i - first] = Math.max(0, startSeconds[i] - fromSeconds);
            rates[i - first] = rps[i];
        }
        return new TrafficProfile(name, starts, rates, toSeconds - fromSeconds);
    }

    /** This run played {@code times} times back to back; named {@code source}. */
    public TrafficProfile repeated(int times, String name) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be >= 1, got " + times);
        }
        double[] starts = new double[startSeconds.length * times];
        double[] rates = new double[rps.length * times];
        for (int copy = 0; copy < times; copy++) {
            for (int i = 0; i < startSeconds.length; i++) {
                starts[copy * startSeconds.length + i] = copy * lengthSeconds + startSeconds[i];
                rates[copy * rps.length + i] = rps[i];
            }
        }
        return new TrafficProfile(name, starts, rates, lengthSeconds * times);
    }

    /** How many rate changes the profile holds; what {@link #repeated} multiplies. */
    public int rows() {
        return startSeconds.length;
    }

    public double meanRps() {
        return averageRps(0, lengthSeconds);
    }

    public double peakRps() {
        double peak = 0;
        for (double rate : rps) {
            peak = Math.max(peak, rate);
        }
        return peak;
    }
}
