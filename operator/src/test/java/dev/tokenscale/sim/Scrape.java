package dev.tokenscale.sim;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One GET of a worker's /metrics, parsed into samples, as a scraper would see it. */
record Scrape(int status, String body, List<Sample> samples) {

    record Sample(String name, Map<String, String> labels, double value) {}

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern LINE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{(.*)\\} (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    static Scrape of(URI url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        List<Sample> samples = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            Matcher m = LINE.matcher(line);
            if (!line.startsWith("#") && m.matches()) {
                Map<String, String> labels = new LinkedHashMap<>();
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
                samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3).replace("+Inf", "Infinity"))));
            }
        }
        return new Scrape(response.statusCode(), response.body(), samples);
    }

    double value(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).mapToDouble(Sample::value).sum();
    }

    double bucket(String histogram, String le) {
        return samples.stream()
                .filter(s -> s.name().equals(histogram + "_bucket") && le.equals(s.labels().get("le")))
                .mapToDouble(Sample::value)
                .sum();
    }

    List<String> bucketBounds(String histogram) {
        return samples.stream().filter(s -> s.name().equals(histogram + "_bucket")).map(s -> s.labels().get("le")).toList();
    }
}
