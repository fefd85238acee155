package dev.tokenscale.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README is the newcomer's first hour: its test command is the one CI runs, word for word, its
 * sections come in the order a reader needs them, and every document it sends the reader to exists.
 */
class ReadmeTest {

    private static final Path ROOT = Path.of("..");
    static final String TEST_COMMAND = "command -v prometheus >/dev/null || (apt-get update && apt-get install -y "
            + "--no-install-recommends prometheus); mvn -B verify";
    static final String DEMO_COMMAND = "mvn -B -q package -DskipTests && java -jar operator/target/tokenscale.jar demo";

    @Test
    void theReadmeShowsTheTwoCommandsWordForWordAndCiRunsTheSameTestCommand() throws IOException {
        List<String> readme = Files.readAllLines(ROOT.resolve("README.md"));
        assertThat(readme).contains(TEST_COMMAND, DEMO_COMMAND);
        List<String> ci = Files.readAllLines(ROOT.resolve(".ci/run"));
        assertThat(ci.get(ci.size() - 1)).isEqualTo(TEST_COMMAND);
    }

    @Test
    void theSectionsComeInTheOrderANewUserNeedsThem() throws IOException {
        List<String> headings = new ArrayList<>();
        for (String line : Files.readAllLines(ROOT.resolve("README.md"))) {
            if (line.startsWith("## ")) {
                headings.add(line.substring(3));
            }
        }
        assertThat(headings).containsSubsequence("Quick start", "Install on a cluster", "Your first pool", "explain",
                "simulate", "Reference");
    }

    @Test
    void everyLocalLinkInTheReadmeAndTheDocsPointsAtAFileThatExists() throws IOException {
        Pattern link = Pattern.compile("\\]\\(([^)#:]+)(#[^)]*)?\\)");
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (var docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
        }
        int checked = 0;
        for (Path page : pages) {
            Matcher m = link.matcher(Files.readString(page));
            while (m.find()) {
                Path target = page.getParent().resolve(m.group(1)).normalize();
                assertThat(target).as(page + " links to " + m.group(1)).exists();
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(pages.size());
    }

    @Test
    void theSeedIsIntroducedOnceByItsTitle() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String title = "Dynamo Cost-Per-Token Optimization";
        assertThat(readme.indexOf(title)).isPositive().isEqualTo(readme.lastIndexOf(title));
        assertThat(readme.indexOf(title)).isLessThan(readme.indexOf("the seed's"));
        assertThat(readme).doesNotContain("source article");
    }
}
