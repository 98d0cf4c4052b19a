package dev.tokencookie.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README and docs/ point into each other by file and by section, and sections move as the docs grow: this test
 * fails on a relative link whose file or heading is gone, so that a reader never lands on nothing.
 */
class DocumentationLinksTest {

    private static final Path ROOT = Path.of(System.getProperty("root.dir", "../.."));
    /** An inline Markdown link's target, up to its closing parenthesis; targets here hold no spaces or parentheses. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*)$");

    @Test
    void everyRelativeLinkReachesAFileAndItsHeading() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            String text = Files.readString(page, StandardCharsets.UTF_8);
            Matcher link = LINK.matcher(text);
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("[a-z]+:.*")) {
                    continue; // https:, mailto:: not this test's to check without a network
                }
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path linked = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                if (!Files.exists(linked)) {
                    broken.add(ROOT.relativize(page) + ": no file " + target);
                } else if (hash >= 0 && linked.toString().endsWith(".md")
                        && !anchors(Files.readAllLines(linked, StandardCharsets.UTF_8))
                                .contains(target.substring(hash + 1))) {
                    broken.add(ROOT.relativize(page) + ": no heading for " + target);
                }
            }
        }
        assertTrue(broken.isEmpty(), String.join("\n", broken));
    }

    @Test
    void anchorsAreWrittenAsGitHubWritesThem() {
        List<String> page = List.of("## The audit line's place, measured by paired rounds (runs Z15 to Z17)",
                "### `GET /api/me`", "```", "# not a heading inside a code block", "```", "## `GET /api/me`",
                "## Sizing");
        assertEquals(Set.of("the-audit-lines-place-measured-by-paired-rounds-runs-z15-to-z17", "get-apime",
                "get-apime-1", "sizing"), anchors(page));
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        assertTrue(pages.size() > 5, "found no docs under " + ROOT.toAbsolutePath());
        return pages;
    }

    /**
     * A page's section anchors as GitHub makes them: the heading in lower case, without punctuation but hyphens and
     * underscores, spaces as hyphens, and a number after a repeated one.
     */
    static Set<String> anchors(List<String> lines) {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean code = false;
        for (String line : lines) {
            if (line.startsWith("```")) {
                code = !code;
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (code || !heading.matches()) {
                continue;
            }
            String anchor = heading.group(1).strip().toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N}_\\- ]", "").replace(' ', '-');
            int times = seen.merge(anchor, 1, Integer::sum);
            anchors.add(times == 1 ? anchor : anchor + "-" + (times - 1));
        }
        return anchors;
    }
}
